package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.SpecType;

/**
 * Every ordered pair {@code (i, j)}, {@code i ≠ j}: positive when the labels agree, negative
 * otherwise ({@code N(N−1)} pairs). The default miner of the Siamese contrastive loss.
 */
@SpecType(value = "all_pairs", doc = "every pair: same label positive, different label negative")
public record AllPairsMiner() implements Miner {
    /** @return the miner */
    public static AllPairsMiner defaults() {
        return new AllPairsMiner();
    }

    @Override
    public MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance) {
        LabelMasks.check("all_pairs", embeddings, labels);
        LabelMasks k = LabelMasks.of(labels);
        NDArray p = k.positive().nonzero();
        NDArray q = k.negative().nonzero();
        return new PairIndices(LabelMasks.column(p, 0), LabelMasks.column(p, 1),
                LabelMasks.column(q, 0), LabelMasks.column(q, 1));
    }
}
