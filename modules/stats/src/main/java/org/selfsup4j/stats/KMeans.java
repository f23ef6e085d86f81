package org.selfsup4j.stats;

import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.Checks;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ObjIntConsumer;

/**
 * k-means (Lloyd's algorithm) with k-means++ seeding (Arthur &amp; Vassilvitskii, SODA 2007), on the
 * engine in float64. Iteration t assigns every point to its nearest centroid and records the objective
 * {@code J_t = Σ_i ||x_i − c_{a_i}||²} (computed exactly, not through the distance expansion), then
 * moves each centroid to the mean of its points (an empty cluster keeps its centroid). Both steps can
 * only lower J, so {@code J_1 ≥ J_2 ≥ …}. Stops when no assignment changes, when J falls by less than
 * {@code tolerance·J}, or after {@code maxIterations}.
 */
public final class KMeans {
    private static final int CHUNK = 8192;

    /**
     * @param centroids {@code k × d}
     * @param assignments the nearest centroid of each point under {@code centroids}
     * @param objectives J per iteration, non-increasing
     */
    public record Result(double[][] centroids, int[] assignments, List<Double> objectives) {}

    private KMeans() {}

    /**
     * @param x {@code (n, d)} points (converted to float64)
     * @param k the number of clusters, 2 ≤ k ≤ n
     * @param maxIterations the most Lloyd iterations
     * @param tolerance the relative decrease of J below which it stops
     * @param rng the seeding stream
     * @param onIteration called with (J, iteration) after each assignment step
     * @return the fit
     */
    public static Result fit(NDArray x, int k, int maxIterations, double tolerance, SplittableRandom rng,
            ObjIntConsumer<Double> onIteration) {
        int n = (int) x.getShape().get(0);
        int d = (int) x.getShape().get(1);
        Checks.require(k >= 2 && k <= n, "clusters", "", "in [2, " + n + "] (the number of points)", k);
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray data = x.toType(DataType.FLOAT64, true);
            data.attach(scope);
            NDArray c = seed(data, k, rng, scope);
            int[] assign = null;
            List<Double> objectives = new ArrayList<>();
            for (int it = 1; it <= maxIterations; it++) {
                int[] next = assign(data, c);
                double j = objective(data, c, next);
                int changed = assign == null ? n : changes(assign, next);
                assign = next;
                objectives.add(j);
                onIteration.accept(j, it);
                int size = objectives.size();
                boolean settled = changed == 0 || size >= 2 && objectives.get(size - 2) - j < tolerance * j;
                c = update(data, c, assign, k);
                if (settled) {
                    break;
                }
            }
            assign = assign(data, c);
            double[] flat = c.toDoubleArray();
            double[][] out = new double[k][d];
            for (int j = 0; j < k; j++) {
                System.arraycopy(flat, j * d, out[j], 0, d);
            }
            return new Result(out, assign, objectives);
        }
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ D(x)², the squared distance to the nearest chosen centre. */
    private static NDArray seed(NDArray data, int k, SplittableRandom rng, NDManager scope) {
        int n = (int) data.getShape().get(0);
        int[] chosen = new int[k];
        chosen[0] = rng.nextInt(n);
        NDArray d2 = distancesTo(data, chosen[0], scope);
        for (int j = 1; j < k; j++) {
            double[] w = d2.toDoubleArray();
            double total = 0;
            for (double v : w) {
                total += v;
            }
            double u = rng.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += w[i];
                if (acc > u && w[i] > 0) {
                    pick = i;
                    break;
                }
            }
            chosen[j] = pick;
            NDArray old = d2;
            NDArray next = distancesTo(data, pick, scope);
            d2 = old.minimum(next);
            old.close();
            next.close();
        }
        NDArray idx = scope.create(toLong(chosen));
        return data.get(idx);
    }

    /** @return {@code (n)} squared distances of every point to point {@code i}, attached to {@code into} */
    private static NDArray distancesTo(NDArray data, int i, NDManager into) {
        try (NDManager step = into.newSubManager()) {
            NDArray all = data.get(new NDIndex(":"));
            all.attach(step);
            NDArray d2 = all.sub(all.get(new NDIndex(i + ":" + (i + 1)))).square().sum(new int[] {1});
            d2.attach(into);
            return d2;
        }
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /**
     * @param data {@code (n, d)}
     * @param c {@code (k, d)}
     * @return each point's nearest centroid (lowest index on ties)
     */
    static int[] assign(NDArray data, NDArray c) {
        int n = (int) data.getShape().get(0);
        int[] out = new int[n];
        for (int s = 0; s < n; s += CHUNK) {
            try (NDManager step = data.getManager().newSubManager()) {
                NDArray part = data.get(new NDIndex(s + ":" + Math.min(n, s + CHUNK)));
                part.attach(step);
                int[] a = squaredDistances(part, c).argMin(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(a, 0, out, s, a.length);
            }
        }
        return out;
    }

    /** Σ_i ||x_i − c_{a_i}||², exactly. */
    static double objective(NDArray data, NDArray c, int[] assign) {
        int n = (int) data.getShape().get(0);
        double total = 0;
        for (int s = 0; s < n; s += CHUNK) {
            try (NDManager step = data.getManager().newSubManager()) {
                int e = Math.min(n, s + CHUNK);
                NDArray part = data.get(new NDIndex(s + ":" + e));
                part.attach(step);
                int[] a = java.util.Arrays.copyOfRange(assign, s, e);
                NDArray centres = c.get(step.create(toLong(a)));
                centres.attach(step);
                total += part.sub(centres).square().sum().getDouble();
            }
        }
        return total;
    }

    private static NDArray update(NDArray data, NDArray c, int[] assign, int k) {
        NDManager m = data.getManager();
        int n = assign.length;
        NDArray sums = m.zeros(c.getShape(), DataType.FLOAT64);
        double[] counts = new double[k];
        for (int s = 0; s < n; s += CHUNK) {
            try (NDManager step = m.newSubManager()) {
                int e = Math.min(n, s + CHUNK);
                NDArray part = data.get(new NDIndex(s + ":" + e));
                part.attach(step);
                NDArray oneHot = step.create(toLong(java.util.Arrays.copyOfRange(assign, s, e))).oneHot(k)
                        .toType(DataType.FLOAT64, false);
                sums.addi(oneHot.transpose().matMul(part));
            }
        }
        for (int a : assign) {
            counts[a]++;
        }
        double[] sum = sums.toDoubleArray();
        double[] old = c.toDoubleArray();
        int d = (int) c.getShape().get(1);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                sum[j * d + i] = counts[j] > 0 ? sum[j * d + i] / counts[j] : old[j * d + i];
            }
        }
        return m.create(sum, new Shape(k, d));
    }

    private static int changes(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    /**
     * Copies fitted centroids into a parameter.
     *
     * @param target a float32 parameter array {@code (k, d)}
     * @param centroids the fitted centroids
     */
    public static void write(NDArray target, double[][] centroids) {
        int d = centroids[0].length;
        float[] f = new float[centroids.length * d];
        for (int j = 0; j < centroids.length; j++) {
            for (int i = 0; i < d; i++) {
                f[j * d + i] = (float) centroids[j][i];
            }
        }
        ArrayIO.overwrite(target, f);
    }

    /**
     * {@code ||x_i − c_j||² = ||x_i||² − 2 x_i·c_j + ||c_j||²}, clipped at 0 (rounding).
     *
     * @param flat {@code (N, d)} points
     * @param c {@code (k, d)} centroids, same type
     * @return {@code (N, k)} squared distances, in {@code flat}'s manager
     */
    public static NDArray squaredDistances(NDArray flat, NDArray c) {
        NDArray ct = c.transpose();
        ct.attach(flat.getManager());
        NDArray cc = ct.square().sum(new int[] {0}, true);
        NDArray xx = flat.square().sum(new int[] {1}, true);
        return Scalars.maximum(xx.sub(Scalars.mul(flat.matMul(ct), 2)).add(cc), 0);
    }
}
