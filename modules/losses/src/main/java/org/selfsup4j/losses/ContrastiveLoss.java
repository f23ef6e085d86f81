package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * Pairwise (Siamese) contrastive loss (Hadsell, Chopra, LeCun, "Dimensionality Reduction by Learning
 * an Invariant Mapping", CVPR 2006). For a distance {@code d}, per mined pair:
 * <pre>
 *   positive pair:  ½ [d − m⁺]₊²      (m⁺ = 0 gives Hadsell's ½ d²)
 *   negative pair:  ½ [m⁻ − d]₊²
 * </pre>
 * For a similarity {@code s} the same terms are written on the flipped side,
 * {@code ½ [m⁺ − s]₊²} and {@code ½ [s − m⁻]₊²} (so use e.g. m⁺ = 1, m⁻ = 0 with cosine).
 *
 * <p>Inputs: {@code predictions = [z (N, D)]}, {@code labels = [y (N,)]}. Pairs come from the miner
 * (default {@link AllPairsMiner}: every pair, the paper's mean over all pairs) or are given to
 * {@link #compute}; any {@link MinedTuples} is accepted. Reduction: {@link TupleReduction}, default
 * mean over all pairs. Defaults: Euclidean distance, m⁺ = 0, m⁻ = 1. The distances are read from one
 * {@code (N, N)} matrix, so all N(N−1) pairs cost one matrix product. Side-effect free.
 */
public final class ContrastiveLoss extends TupleLoss {
    private final float posMargin;
    private final float negMargin;
    private final TupleReduction reduction;

    /**
     * @param distance the distance
     * @param posMargin m⁺ (distance units; ≥ 0 for a distance)
     * @param negMargin m⁻ (≥ 0 for a distance)
     * @param reduction the reduction
     * @param miner the miner
     */
    public ContrastiveLoss(Distance distance, double posMargin, double negMargin, TupleReduction reduction, Miner miner) {
        super("contrastive", distance, miner);
        if (!distance.isSimilarity()) {
            Checks.nonNegative("pos_margin", posMargin);
            Checks.nonNegative("neg_margin", negMargin);
        }
        this.posMargin = (float) posMargin;
        this.negMargin = (float) negMargin;
        this.reduction = reduction;
    }

    /** @return Euclidean, m⁺ = 0, m⁻ = 1, mean over all pairs */
    public static ContrastiveLoss defaults() {
        return new ContrastiveLoss(Distances.EUCLIDEAN, 0, 1, TupleReduction.MEAN, new AllPairsMiner());
    }

    /** Triplets are converted to their positive and negative pairs. */
    @Override
    public NDArray compute(NDArray z, MinedTuples tuples) {
        PairIndices p = tuples.pairs();
        float sign = distance.sign();
        NDArray all = flatDissimilarity(z);
        long n = z.getShape().get(0);
        // δ = sign·value, so [sign·(value − m⁺)]₊ = [δ − sign·m⁺]₊ and [sign·(m⁻ − value)]₊ = [sign·m⁻ − δ]₊
        NDArray dp = at(all, n, p.posAnchors(), p.positives());
        NDArray dn = at(all, n, p.negAnchors(), p.negatives());
        NDArray pos = Scalars.mul(Scalars.maximum(dp.sub(sign * posMargin), 0).square(), 0.5);
        NDArray neg = Scalars.mul(Scalars.maximum(dn.neg().add(sign * negMargin), 0).square(), 0.5);
        return reduction.reduce(pos.concat(neg), LabelMasks.zero(z));
    }
}
