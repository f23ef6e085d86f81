package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Hard-negative pairs, with the negative condition of multi-similarity mining (Wang et al., CVPR
 * 2019): every positive pair, and the negative pairs {@code (a, n)} that are closer than the anchor's
 * farthest positive plus ε, {@code δ_an < max_p δ_ap + ε}. Anchors without a positive keep no
 * negatives.
 *
 * @param epsilon ε ≥ 0 in dissimilarity units, default 0.1
 */
@SpecType(value = "hard_negative_pairs", doc = "all positive pairs + negatives closer than the farthest positive + epsilon")
public record HardNegativePairMiner(double epsilon) implements Miner {
    /** Validates ε. */
    public HardNegativePairMiner {
        Checks.nonNegative("epsilon", epsilon);
    }

    /** @return ε = 0.1 */
    public static HardNegativePairMiner defaults() {
        return new HardNegativePairMiner(0.1);
    }

    @Override
    public MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance) {
        LabelMasks.check("hard_negative_pairs", embeddings, labels);
        NDArray delta = LabelMasks.detachedDissimilarity(embeddings, distance);
        LabelMasks k = LabelMasks.of(labels);
        NDArray farthestPos = LabelMasks.restrict(delta, LabelMasks.f(k.positive())).max(new int[] {1}, true);
        NDArray hardNeg = k.negative().logicalAnd(delta.lt(farthestPos.add((float) epsilon)));
        NDArray p = k.positive().nonzero();
        NDArray q = hardNeg.nonzero();
        return new PairIndices(LabelMasks.column(p, 0), LabelMasks.column(p, 1),
                LabelMasks.column(q, 0), LabelMasks.column(q, 1));
    }
}
