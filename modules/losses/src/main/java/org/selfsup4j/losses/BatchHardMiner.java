package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.SpecType;

/**
 * Batch-hard (Hermans, Beyer, Leibe, "In Defense of the Triplet Loss", 2017): for each anchor with at
 * least one positive and one negative, the single triplet of its hardest positive
 * ({@code argmax_p δ_ap}) and hardest negative ({@code argmin_n δ_an}). {@code O(N²)} memory, one
 * triplet per anchor.
 */
@SpecType(value = "batch_hard", doc = "per anchor the farthest positive and the nearest negative")
public record BatchHardMiner() implements Miner {
    /** @return the miner */
    public static BatchHardMiner defaults() {
        return new BatchHardMiner();
    }

    @Override
    public MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance) {
        LabelMasks.check("batch_hard", embeddings, labels);
        NDArray delta = LabelMasks.detachedDissimilarity(embeddings, distance);
        LabelMasks k = LabelMasks.of(labels);
        NDArray pos = LabelMasks.f(k.positive());
        NDArray neg = LabelMasks.f(k.negative());
        NDArray hardPos = LabelMasks.restrict(delta, pos).argMax(1);
        NDArray hardNeg = LabelMasks.restrict(delta.neg(), neg).argMax(1);
        NDArray valid = pos.sum(new int[] {1}).gt(0f).logicalAnd(neg.sum(new int[] {1}).gt(0f));
        NDArray anchors = valid.nonzero().reshape(-1);
        return new TripletIndices(anchors, hardPos.get(anchors), hardNeg.get(anchors));
    }
}
