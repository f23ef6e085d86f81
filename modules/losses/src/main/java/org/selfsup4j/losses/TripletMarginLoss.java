package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * Triplet margin loss (Schroff, Kalenichenko, Philbin, FaceNet, CVPR 2015), per mined triplet
 * {@code (a, p, n)} over the dissimilarity δ ({@link Distance}):
 * <pre>
 *   hinge:        ℓ = [δ_ap − δ_an + m]₊
 *   soft margin:  ℓ = log(1 + exp(δ_ap − δ_an))        (Hermans et al. 2017; m unused)
 * </pre>
 * Inputs: {@code predictions = [z (N, D)]}, {@code labels = [y (N,)]}. Triplets come from the miner
 * (default {@link AllTripletsMiner}, batch-all) or are given to {@link #compute}; any
 * {@link MinedTuples} is accepted. Reductions ({@link TupleReduction}): mean over all valid triplets
 * or mean over the non-zero ones. Defaults: Euclidean distance, m = 0.2, mean. Distances are read from
 * one {@code (N, N)} matrix. Side-effect free.
 */
public final class TripletMarginLoss extends TupleLoss {
    private final float margin;
    private final TupleReduction reduction;
    private final boolean softMargin;

    /**
     * @param distance the distance
     * @param margin m ≥ 0
     * @param reduction the reduction
     * @param softMargin whether to use {@code log(1 + exp(·))} instead of the hinge
     * @param miner the miner
     */
    public TripletMarginLoss(Distance distance, double margin, TupleReduction reduction, boolean softMargin, Miner miner) {
        super("triplet", distance, miner);
        this.margin = (float) Checks.nonNegative("margin", margin);
        this.reduction = reduction;
        this.softMargin = softMargin;
    }

    /** Pairs are combined into triplets sharing an anchor. */
    @Override
    public NDArray compute(NDArray z, MinedTuples tuples) {
        TripletIndices t = tuples.triplets();
        if (t.size() == 0) {
            return LabelMasks.zero(z);
        }
        NDArray all = flatDissimilarity(z);
        long n = z.getShape().get(0);
        NDArray dap = at(all, n, t.anchors(), t.positives());
        NDArray dan = at(all, n, t.anchors(), t.negatives());
        NDArray x = dap.sub(dan);
        NDArray terms = softMargin ? softplus(x) : Scalars.maximum(x.add(margin), 0);
        return reduction.reduce(terms, LabelMasks.zero(z));
    }

    /**
     * @param x any array
     * @return {@code log(1 + exp(x))}, computed stably as {@code max(x, 0) + log(1 + exp(−|x|))}
     */
    static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0).add(x.abs().neg().exp().add(1f).log());
    }
}
