package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SelfsupException;

/**
 * Alignment and uniformity on the hypersphere (Wang and Isola, "Understanding Contrastive
 * Representation Learning through Alignment and Uniformity on the Hypersphere", ICML 2020), as a loss
 * and as two metrics:
 * <pre>
 *   L_align   = mean over positive pairs (y_i = y_j, i ≠ j) of ||z_i − z_j||₂^α
 *   L_unif(Z) = log mean over pairs i &lt; j of Z of exp(−t ||z_i − z_j||₂²)
 *   per_view (default, the paper's reference code):  L = L_align + λ · (1/V) Σ_v L_unif(Z_v)
 *   all_rows:                                        L = L_align + λ · L_unif(all V·N rows)
 * </pre>
 * With two views this is the reference's {@code align(x, y) + λ (unif(x) + unif(y)) / 2}: uniformity is
 * measured within each view, never over the cross-view pairs (which {@code all_rows} includes, so that
 * the positives push against themselves).
 * Inputs: {@code predictions = [z (V·N, D)]} (unit vectors, the V views stacked view-major, as the
 * contrastive method lays them out), {@code labels = [y (V·N)]} (the instance ids tiled over the views;
 * {@code per_view} checks that every block repeats the first). Defaults α = 2, t = 2, λ = 1,
 * {@code per_view}. Uniformity uses a max shift (log-sum-exp), so it is exact for any t. Without a
 * positive pair the alignment term is 0.
 */
public final class AlignmentUniformityLoss extends Loss {
    private final double alpha;
    private final double t;
    private final float uniformityWeight;
    private final boolean perView;

    /**
     * The reference form: uniformity within each view.
     *
     * @param alpha α &gt; 0
     * @param t t &gt; 0
     * @param uniformityWeight λ ≥ 0
     */
    public AlignmentUniformityLoss(double alpha, double t, double uniformityWeight) {
        this(alpha, t, uniformityWeight, true);
    }

    /**
     * @param alpha α &gt; 0
     * @param t t &gt; 0
     * @param uniformityWeight λ ≥ 0
     * @param perView uniformity averaged over the views ({@code per_view}), or over all stacked rows ({@code all_rows})
     */
    public AlignmentUniformityLoss(double alpha, double t, double uniformityWeight, boolean perView) {
        super("align_uniform");
        this.alpha = Checks.positive("alpha", alpha);
        this.t = Checks.positive("t", t);
        this.uniformityWeight = (float) Checks.nonNegative("uniformity_weight", uniformityWeight);
        this.perView = perView;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check("align_uniform", z, y);
        NDArray sq = Distances.SQUARED_EUCLIDEAN.matrix(z, z);
        NDArray unif = perView ? perViewUniformity(sq, y) : uniformityOf(sq, t);
        return alignmentOf(sq, y, alpha).add(Scalars.mul(unif, uniformityWeight));
    }

    /** The mean over the V view blocks of each block's uniformity; V·N rows, N the distinct labels. */
    private NDArray perViewUniformity(NDArray sq, NDArray y) {
        int[] labels = y.toType(DataType.INT32, false).toIntArray();
        int n = (int) Arrays.stream(labels).distinct().count();
        int views = labels.length / n;
        for (int i = 0; i < labels.length; i++) {
            if (views * n != labels.length || labels[i] != labels[i % n]) {
                throw SelfsupException.of("align_uniform", "labels",
                        "instance ids tiled over view blocks (uniformity: per_view)", "another layout at row " + i,
                        "use uniformity: all_rows for class labels");
            }
        }
        NDArray sum = null;
        for (int v = 0; v < views; v++) {
            String rows = v * n + ":" + (v + 1) * n;
            NDArray u = uniformityOf(sq.get(new NDIndex(rows + "," + rows)), t);
            sum = sum == null ? u : sum.add(u);
        }
        return Scalars.div(sum, views);
    }

    /**
     * @param z {@code (N, D)}
     * @param y {@code (N,)} labels
     * @param alpha α
     * @return {@code L_align}, a scalar (0 without positive pairs)
     */
    public static NDArray alignment(NDArray z, NDArray y, double alpha) {
        return alignmentOf(Distances.SQUARED_EUCLIDEAN.matrix(z, z), y, alpha);
    }

    private static NDArray alignmentOf(NDArray sq, NDArray y, double alpha) {
        NDArray pos = LabelMasks.f(LabelMasks.of(y).positive());
        float count = pos.sum().getFloat();
        if (count == 0f) {
            return LabelMasks.zero(sq);
        }
        NDArray powered = alpha == 2 ? sq : Scalars.pow(Scalars.maximum(sq, 1e-12), alpha / 2);
        return Scalars.div(powered.mul(pos).sum(), count);
    }

    /**
     * @param z {@code (N, D)}, N ≥ 2
     * @param t t
     * @return {@code L_unif}, a scalar
     */
    public static NDArray uniformity(NDArray z, double t) {
        return uniformityOf(Distances.SQUARED_EUCLIDEAN.matrix(z, z), t);
    }

    private static NDArray uniformityOf(NDArray sq, double t) {
        long n = sq.getShape().get(0);
        Checks.atLeast("align_uniform: rows", n, 2);
        NDArray idx = sq.getManager().arange(0f, n, 1f).toDevice(sq.getDevice(), false);
        NDArray upper = LabelMasks.f(idx.reshape(1, n).gt(idx.reshape(n, 1)));
        NDArray masked = LabelMasks.restrict(Scalars.mul(sq, -t), upper);
        NDArray c = masked.max().stopGradient();
        NDArray sum = masked.sub(c).exp().mul(upper).sum();
        return Scalars.div(sum, n * (n - 1) / 2.0).log().add(c);
    }
}
