package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.stats.KMeans;
import org.selfsup4j.encoders.L2Normalize;

/**
 * How well k-means clusters of the embeddings recover the classes. It runs k-means (k-means++ seeding,
 * Lloyd, {@link KMeans}) with k = the number of classes on the L2-normalised embeddings, then, from the
 * contingency table {@code n_{uv}} of classes u and clusters v (n points, row sums a_u, column sums b_v):
 * <ul>
 *   <li>NMI (Strehl &amp; Ghosh 2002; scikit-learn's default "arithmetic" normalisation):
 *       {@code I(U;V) / ((H(U) + H(V)) / 2)}, with {@code I = Σ (n_uv/n) log(n·n_uv / (a_u b_v))} and
 *       {@code H(U) = −Σ (a_u/n) log(a_u/n)}; 1 when both partitions are trivial;</li>
 *   <li>ARI (Hubert &amp; Arabie 1985): {@code (Σ C(n_uv,2) − E) / (½(Σ C(a_u,2) + Σ C(b_v,2)) − E)}
 *       with {@code E = Σ C(a_u,2) Σ C(b_v,2) / C(n,2)}; 1 for identical partitions, about 0 for random ones.</li>
 * </ul>
 */
public final class Clustering {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-6;

    private Clustering() {}

    /**
     * @param nmi normalised mutual information
     * @param ari adjusted Rand index
     */
    public record Result(double nmi, double ari) {}

    /**
     * @param f the embeddings and their classes
     * @param rng the k-means++ seeding stream
     * @param manager where to compute
     * @return NMI and ARI of k-means clusters against the classes, or {@code null} with fewer than 2
     *     classes or fewer points than classes
     */
    public static Result evaluate(Features f, SplittableRandom rng, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray unit = L2Normalize.apply(ArrayIO.upload(scope, f.values(), new Shape(f.n(), f.dim())));
            return evaluate(unit, f.labels(), f.numClasses(), rng);
        }
    }

    /**
     * @param unit the L2-normalised embeddings, {@code (n, d)}
     * @param labels their classes
     * @param numClasses the number of classes, k
     * @param rng the k-means++ seeding stream
     * @return NMI and ARI of k-means clusters against the classes, or {@code null} with fewer than 2
     *     classes or fewer points than classes
     */
    public static Result evaluate(NDArray unit, int[] labels, int numClasses, SplittableRandom rng) {
        if (numClasses < 2 || labels.length < numClasses) {
            return null;
        }
        int[] clusters = KMeans.fit(unit, numClasses, MAX_ITERATIONS, TOLERANCE, rng, (j, it) -> { }).assignments();
        return new Result(nmi(labels, clusters), ari(labels, clusters));
    }

    /**
     * @param u one partition (labels ≥ 0)
     * @param v another of the same points
     * @return NMI with arithmetic-mean normalisation
     */
    public static double nmi(int[] u, int[] v) {
        long[][] t = contingency(u, v);
        double n = u.length;
        double[] a = rows(t);
        double[] b = cols(t);
        double hu = entropy(a, n);
        double hv = entropy(b, n);
        if (hu == 0 && hv == 0) {
            return 1;
        }
        double mi = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                if (t[i][j] > 0) {
                    mi += t[i][j] / n * Math.log(n * t[i][j] / (a[i] * b[j]));
                }
            }
        }
        return Math.max(0, mi) / ((hu + hv) / 2);
    }

    /**
     * @param u one partition (labels ≥ 0)
     * @param v another of the same points
     * @return the adjusted Rand index
     */
    public static double ari(int[] u, int[] v) {
        long[][] t = contingency(u, v);
        double index = 0;
        for (long[] row : t) {
            for (long c : row) {
                index += pairs(c);
            }
        }
        double sa = 0;
        for (double a : rows(t)) {
            sa += pairs(a);
        }
        double sb = 0;
        for (double b : cols(t)) {
            sb += pairs(b);
        }
        double expected = sa * sb / pairs(u.length);
        double max = (sa + sb) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double pairs(double c) {
        return c * (c - 1) / 2;
    }

    private static long[][] contingency(int[] u, int[] v) {
        if (u.length != v.length || u.length < 2) {
            throw new IllegalArgumentException("two partitions of the same n >= 2 points, found " + u.length + " and "
                    + v.length);
        }
        int ku = java.util.Arrays.stream(u).max().getAsInt() + 1;
        int kv = java.util.Arrays.stream(v).max().getAsInt() + 1;
        long[][] t = new long[ku][kv];
        for (int i = 0; i < u.length; i++) {
            t[u[i]][v[i]]++;
        }
        return t;
    }

    private static double[] rows(long[][] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            for (long c : t[i]) {
                r[i] += c;
            }
        }
        return r;
    }

    private static double[] cols(long[][] t) {
        double[] c = new double[t[0].length];
        for (long[] row : t) {
            for (int j = 0; j < row.length; j++) {
                c[j] += row[j];
            }
        }
        return c;
    }

    private static double entropy(double[] counts, double n) {
        double h = 0;
        for (double c : counts) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }
}
