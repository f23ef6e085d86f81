package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Semi-hard triplets (Schroff, Kalenichenko, Philbin, FaceNet, CVPR 2015): every valid triplet whose
 * negative is farther than the positive but still inside the margin,
 * {@code δ_ap < δ_an < δ_ap + m}. Enumerates {@code N×N×N}, so batches are limited as for
 * {@link AllTripletsMiner}.
 *
 * @param margin m ≥ 0, default 0.2
 */
@SpecType(value = "semi_hard", doc = "triplets with d(a,p) < d(a,n) < d(a,p) + margin")
public record SemiHardMiner(double margin) implements Miner {
    /** Validates the margin. */
    public SemiHardMiner {
        Checks.nonNegative("margin", margin);
    }

    /** @return margin 0.2 */
    public static SemiHardMiner defaults() {
        return new SemiHardMiner(0.2);
    }

    @Override
    public MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance) {
        LabelMasks.check("semi_hard", embeddings, labels);
        AllTripletsMiner.checkBatch("semi_hard", embeddings.getShape().get(0));
        NDArray delta = LabelMasks.detachedDissimilarity(embeddings, distance);
        LabelMasks k = LabelMasks.of(labels);
        NDArray dap = delta.expandDims(2);
        NDArray dan = delta.expandDims(1);
        NDArray mask = AllTripletsMiner.valid(k).logicalAnd(dan.gt(dap)).logicalAnd(dan.lt(dap.add((float) margin)));
        return AllTripletsMiner.triplets(mask);
    }
}
