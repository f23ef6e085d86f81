package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Covariance;

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
 *       their Gram matrix, Commons Math); between 1 and d.</li>
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
     */
    public record Result(double recallAt1, double recallAt10, double mapAtR, double meanDimStd, double effectiveRank,
            int dim) {
        /** @return the figures as {@code probe.json}'s {@code metrics} section */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recall_at_1", recallAt1);
            m.put("recall_at_10", recallAt10);
            m.put("map_at_r", mapAtR);
            m.put("mean_dim_std", meanDimStd);
            m.put("uniform_dim_std", 1 / Math.sqrt(dim));
            m.put("effective_rank", effectiveRank);
            return m;
        }
    }

    private EmbeddingMetrics() {}

    /**
     * @param f the embeddings with their labels (at least 2)
     * @param manager where to compute
     * @return the figures
     */
    public static Result evaluate(Features f, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = ArrayIO.upload(scope, f.values(), new Shape(f.n(), f.dim()));
            NDArray unit = x.div(x.norm(new int[] {1}, true).maximum(1e-12f));
            double[] retrieval = retrieval(unit, f.labels());
            double std = unit.toType(DataType.FLOAT64, false).sub(unit.toType(DataType.FLOAT64, false).mean(new int[] {0}))
                    .square().mean(new int[] {0}).sqrt().mean().getDouble();
            return new Result(retrieval[0], retrieval[1], retrieval[2], std, effectiveRank(x), f.dim());
        }
    }

    /** @return {Recall@1, Recall@10, MAP@R} of unit rows, leave-one-out */
    static double[] retrieval(NDArray unit, int[] labels) {
        int n = labels.length;
        int[] classSize = new int[java.util.Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            classSize[l]++;
        }
        double r1 = 0;
        double r10 = 0;
        double map = 0;
        NDArray ref = unit.transpose();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            try (NDManager chunk = unit.getManager().newSubManager()) {
                NDArray q = unit.get(new NDIndex(start + ":" + (start + len)));
                q.attach(chunk);
                long[] order = q.matMul(ref).argSort(1, false).toLongArray();
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
        return new double[] {r1 / n, r10 / n, map / n};
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
