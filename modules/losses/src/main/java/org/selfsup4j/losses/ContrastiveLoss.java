package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;

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
public final class ContrastiveLoss extends Loss {
    private final Distance distance;
    private final float posMargin;
    private final float negMargin;
    private final TupleReduction reduction;
    private final Miner miner;

    /**
     * @param distance the distance
     * @param posMargin m⁺ (distance units; ≥ 0 for a distance)
     * @param negMargin m⁻ (≥ 0 for a distance)
     * @param reduction the reduction
     * @param miner the miner
     */
    public ContrastiveLoss(Distance distance, double posMargin, double negMargin, TupleReduction reduction, Miner miner) {
        super("contrastive");
        if (!distance.isSimilarity()) {
            Checks.nonNegative("pos_margin", posMargin);
            Checks.nonNegative("neg_margin", negMargin);
        }
        this.distance = distance;
        this.posMargin = (float) posMargin;
        this.negMargin = (float) negMargin;
        this.reduction = reduction;
        this.miner = miner;
    }

    /** @return Euclidean, m⁺ = 0, m⁻ = 1, mean over all pairs */
    public static ContrastiveLoss defaults() {
        return new ContrastiveLoss(Distances.EUCLIDEAN, 0, 1, TupleReduction.MEAN, new AllPairsMiner());
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check("contrastive", z, y);
        return compute(z, miner.mine(z, y, distance));
    }

    /**
     * @param z {@code (N, D)} embeddings
     * @param tuples mined pairs or triplets (converted to pairs)
     * @return the loss
     */
    public NDArray compute(NDArray z, MinedTuples tuples) {
        PairIndices p = tuples.pairs();
        float sign = distance.sign();
        NDArray all = distance.matrix(z, z).reshape(-1);
        long n = z.getShape().get(0);
        NDArray dp = all.get(p.posAnchors().mul(n).add(p.positives()));
        NDArray dn = all.get(p.negAnchors().mul(n).add(p.negatives()));
        NDArray pos = dp.sub(posMargin).mul(sign).maximum(0f).square().mul(0.5f);
        NDArray neg = dn.sub(negMargin).mul(-sign).maximum(0f).square().mul(0.5f);
        return reduction.reduce(pos.concat(neg), LabelMasks.zero(z));
    }
}
