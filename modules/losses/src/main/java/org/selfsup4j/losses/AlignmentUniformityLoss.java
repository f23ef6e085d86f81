package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * Alignment and uniformity on the hypersphere (Wang and Isola, "Understanding Contrastive
 * Representation Learning through Alignment and Uniformity on the Hypersphere", ICML 2020), as a loss
 * {@code L = L_align + λ·L_unif} and as two metrics:
 * <pre>
 *   L_align = mean over positive pairs (y_i = y_j, i ≠ j) of ||z_i − z_j||₂^α
 *   L_unif  = log mean over pairs i &lt; j of exp(−t ||z_i − z_j||₂²)
 * </pre>
 * Inputs: {@code predictions = [z (N, D)]} (unit vectors, all views stacked), {@code labels = [y]}.
 * Defaults α = 2, t = 2, λ = 1. Uniformity uses a max shift (log-sum-exp), so it is exact for any t.
 * Without a positive pair the alignment term is 0.
 */
public final class AlignmentUniformityLoss extends Loss {
    private final double alpha;
    private final double t;
    private final float uniformityWeight;

    /**
     * @param alpha α &gt; 0
     * @param t t &gt; 0
     * @param uniformityWeight λ ≥ 0
     */
    public AlignmentUniformityLoss(double alpha, double t, double uniformityWeight) {
        super("align_uniform");
        this.alpha = Checks.positive("alpha", alpha);
        this.t = Checks.positive("t", t);
        this.uniformityWeight = (float) Checks.nonNegative("uniformity_weight", uniformityWeight);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check("align_uniform", z, y);
        NDArray sq = Distances.SQUARED_EUCLIDEAN.matrix(z, z);
        return alignmentOf(sq, y, alpha).add(Scalars.mul(uniformityOf(sq, t), uniformityWeight));
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
