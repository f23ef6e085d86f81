package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * Batch-all: every triplet {@code (a, p, n)} with {@code y_a = y_p}, {@code a ≠ p},
 * {@code y_a ≠ y_n}. It enumerates an {@code N×N×N} mask, so batches are limited to
 * {@value #MAX_BATCH} rows; use {@link BatchHardMiner} beyond. The default miner of the triplet loss.
 */
@SpecType(value = "all_triplets", doc = "batch-all: every valid (anchor, positive, negative)")
public record AllTripletsMiner() implements Miner {
    /** The largest batch this miner enumerates. */
    public static final int MAX_BATCH = 512;

    /** @return the miner */
    public static AllTripletsMiner defaults() {
        return new AllTripletsMiner();
    }

    @Override
    public MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance) {
        LabelMasks.check("all_triplets", embeddings, labels);
        checkBatch("all_triplets", embeddings.getShape().get(0));
        return triplets(valid(LabelMasks.of(labels)));
    }

    /**
     * @param k the batch's label masks
     * @return {@code (N, N, N)} boolean, true at {@code [a, p, n]} for every valid triplet
     */
    static NDArray valid(LabelMasks k) {
        return k.positive().expandDims(2).logicalAnd(k.negative().expandDims(1));
    }

    /**
     * @param mask3 {@code (N, N, N)} boolean, indexed {@code [a, p, n]}
     * @return the triplets where the mask is true
     */
    static TripletIndices triplets(NDArray mask3) {
        NDArray t = mask3.nonzero();
        return new TripletIndices(LabelMasks.column(t, 0), LabelMasks.column(t, 1), LabelMasks.column(t, 2));
    }

    /**
     * @param where the miner name
     * @param n the batch rows
     */
    static void checkBatch(String where, long n) {
        if (n > MAX_BATCH) {
            throw SelfsupException.of(where, "batch rows", "<= " + MAX_BATCH + " (it enumerates N³ triplets)", n,
                    "use miner batch_hard for larger batches");
        }
    }
}
