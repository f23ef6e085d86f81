package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.stats.Covariance;
import org.selfsup4j.core.StopSignal;
import org.selfsup4j.encoders.L2Normalize;

/**
 * Label-free and retrieval figures of a set of embeddings (the test features), as pytorch-metric-learning's
 * AccuracyCalculator and the collapse diagnostics of SimSiam and Roy &amp; Vetterli define them:
 * <ul>
 *   <li>Recall@K (K = 1, 10): the share of queries with at least one same-class item among their K nearest
 *       neighbours by cosine similarity, every other item of the set being a reference (leave-one-out);</li>
 *   <li>MAP@R: with R the number of other items of the query's class,
 *       {@code (1/R) Σ_{i=1..R} rel(i)·P(i)}, P(i) the precision of the first i neighbours, averaged over queries;</li>
 *   <li>per-dimension std: the standard deviation of each dimension of the L2-normalised embeddings, averaged
 *       over dimensions; 0 is collapse, {@code 1/√d} what a uniform spread on the sphere gives;</li>
 *   <li>effective rank (Roy &amp; Vetterli, 2007): {@code exp(−Σ p_i log p_i)} with
 *       {@code p_i = σ_i / Σσ}, σ the singular values of the centred embeddings (from the eigenvalues of
 *       their Gram matrix, Commons Math); between 1 and d;</li>
 *   <li>alignment and uniformity (Wang &amp; Isola, ICML 2020) of the L2-normalised embeddings f̂:
 *       {@code align = E_pairs ||f̂(x) − f̂(x')||²} (α = 2) over positive pairs (two augmented views of the
 *       same image; lower is better, 0 to 4), and
 *       {@code uniform = log E_{i≠j} exp(−2 ||f̂_i − f̂_j||²)} (t = 2) over all distinct pairs of the set
 *       (lower is more uniform; −4 is the limit of a uniform sphere in high dimension, 0 total collapse);</li>
 *   <li>k-means NMI and ARI against the classes ({@link Clustering}).</li>
 * </ul>
 * Ties in similarity are ordered as the engine's sort leaves them.
 */
public final class EmbeddingMetrics {
    private static final int CHUNK = 256;

    /**
     * @param recallAt1 Recall@1
     * @param recallAt10 Recall@10
     * @param mapAtR MAP@R
     * @param meanDimStd mean per-dimension std of the normalised embeddings
     * @param effectiveRank the effective rank
     * @param dim d
     * @param alignment the alignment of positive pairs, {@code NaN} when no views were given
     * @param uniformity the uniformity
     * @param clustering k-means NMI and ARI, or {@code null} with fewer than 2 classes
     */
    public record Result(double recallAt1, double recallAt10, double mapAtR, double meanDimStd, double effectiveRank,
            int dim, double alignment, double uniformity, Clustering.Result clustering) {
        /** @return the figures as {@code probe.json}'s {@code metrics} section */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recall_at_1", recallAt1);
            m.put("recall_at_10", recallAt10);
            m.put("map_at_r", mapAtR);
            m.put("mean_dim_std", meanDimStd);
            m.put("uniform_dim_std", 1 / Math.sqrt(dim));
            m.put("effective_rank", effectiveRank);
            if (!Double.isNaN(alignment)) {
                m.put("alignment", alignment);
            }
            m.put("uniformity", uniformity);
            if (clustering != null) {
                m.put("kmeans_nmi", clustering.nmi());
                m.put("kmeans_ari", clustering.ari());
            }
            return m;
        }
    }

    private EmbeddingMetrics() {}

    /**
     * @param f the embeddings with their labels (at least 2)
     * @param views two embeddings of augmented views of the same images (row i of each is a positive pair),
     *     or {@code null} to skip alignment
     * @param rng the k-means seeding stream
     * @param manager where to compute
     * @return the figures
     */
    public static Result evaluate(Features f, Features[] views, SplittableRandom rng, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = ArrayIO.upload(scope, f.values(), new Shape(f.n(), f.dim()));
            NDArray unit = L2Normalize.apply(x);
            Similarities pass = similarities(unit, f.labels());
            NDArray wide = unit.toType(DataType.FLOAT64, false);
            double std = wide.sub(wide.mean(new int[] {0})).square().mean(new int[] {0}).sqrt().mean().getDouble();
            double align = views == null ? Double.NaN : alignment(views[0], views[1], scope);
            return new Result(pass.recallAt1(), pass.recallAt10(), pass.mapAtR(), std, effectiveRank(x), f.dim(), align,
                    pass.uniformity(), Clustering.evaluate(unit, f.labels(), f.numClasses(), rng));
        }
    }

    /**
     * @param a embeddings of one view
     * @param b embeddings of the other view, row for row
     * @param manager where to compute
     * @return {@code mean_i ||â_i − b̂_i||²}
     */
    public static double alignment(Features a, Features b, NDManager manager) {
        if (a.n() != b.n() || a.dim() != b.dim()) {
            throw new IllegalArgumentException("views of the same shape, found " + a.n() + "×" + a.dim() + " and " + b.n()
                    + "×" + b.dim());
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray ua = L2Normalize.apply(ArrayIO.upload(scope, a.values(), new Shape(a.n(), a.dim()))).toType(DataType.FLOAT64, false);
            NDArray ub = L2Normalize.apply(ArrayIO.upload(scope, b.values(), new Shape(b.n(), b.dim()))).toType(DataType.FLOAT64, false);
            return ua.sub(ub).square().sum(new int[] {1}).mean().getDouble();
        }
    }

    /**
     * The figures of one pass over the test similarities.
     *
     * @param recallAt1 leave-one-out Recall@1
     * @param recallAt10 leave-one-out Recall@10
     * @param mapAtR leave-one-out MAP@R
     * @param uniformity {@code log mean_{i≠j} exp(−2||u_i − u_j||²)}
     */
    record Similarities(double recallAt1, double recallAt10, double mapAtR, double uniformity) {}

    /**
     * One pass over the cosine similarities of the unit rows, {@value #CHUNK} queries at a time; the
     * uniformity comes from {@code ||u_i − u_j||² = 2 − 2 u_i·u_j}.
     *
     * @param unit L2-normalised rows (at least 2)
     * @param labels their classes
     * @return the retrieval figures and the uniformity
     */
    static Similarities similarities(NDArray unit, int[] labels) {
        int n = labels.length;
        int[] classSize = new int[java.util.Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            classSize[l]++;
        }
        double r1 = 0;
        double r10 = 0;
        double map = 0;
        double spread = 0;
        NDArray ref = unit.transpose();
        for (int start = 0; start < n; start += CHUNK) {
            StopSignal.check();
            int len = Math.min(CHUNK, n - start);
            try (NDManager chunk = unit.getManager().newSubManager()) {
                NDArray q = unit.get(new NDIndex(start + ":" + (start + len)));
                q.attach(chunk);
                NDArray sims = q.matMul(ref);
                double self = q.mul(q).sum(new int[] {1}).toType(DataType.FLOAT64, false).mul(4.0).sub(4.0).exp().sum()
                        .getDouble();
                spread += sims.toType(DataType.FLOAT64, false).mul(4.0).sub(4.0).exp().sum().getDouble() - self;
                long[] order = sims.argSort(1, false).toLongArray();
                for (int i = 0; i < len; i++) {
                    int query = start + i;
                    int label = labels[query];
                    int r = classSize[label] - 1;
                    int seen = 0;
                    int hits = 0;
                    double ap = 0;
                    boolean hit1 = false;
                    boolean hit10 = false;
                    for (int j = 0; j < n && (seen < Math.max(r, 10)); j++) {
                        int item = (int) order[i * n + j];
                        if (item == query) {
                            continue;
                        }
                        seen++;
                        boolean rel = labels[item] == label;
                        hit1 |= rel && seen == 1;
                        hit10 |= rel && seen <= 10;
                        if (rel && seen <= r) {
                            hits++;
                            ap += (double) hits / seen;
                        }
                    }
                    r1 += hit1 ? 1 : 0;
                    r10 += hit10 ? 1 : 0;
                    map += r == 0 ? 0 : ap / r;
                }
            }
        }
        return new Similarities(r1 / n, r10 / n, map / n, Math.log(spread / ((double) n * (n - 1))));
    }

    /** exp of the entropy of the normalised singular values of the centred rows. */
    static double effectiveRank(NDArray x) {
        double[][] a = Covariance.of(x, "features").matrix();
        int d = a.length;
        double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(a, false)).getRealEigenvalues();
        double total = 0;
        double[] sigma = new double[d];
        for (int i = 0; i < d; i++) {
            sigma[i] = Math.sqrt(Math.max(0, eig[i]));
            total += sigma[i];
        }
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (double s : sigma) {
            double p = s / total;
            h -= p > 0 ? p * Math.log(p) : 0;
        }
        return Math.exp(h);
    }
}
