package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;

/**
 * Chooses the informative tuples of a batch from embeddings and labels (class ids for supervised
 * batches, instance ids tiled across views for self-supervised ones). Miners never build a graph:
 * they read {@code embeddings.stopGradient()} and return index sets ({@link MinedTuples}) that a
 * tuple loss then evaluates with gradients. Members: {@link AllPairsMiner}, {@link AllTripletsMiner},
 * {@link BatchHardMiner}, {@link SemiHardMiner}, {@link HardNegativePairMiner}.
 */
public interface Miner {
    /**
     * @param embeddings {@code (N, D)}
     * @param labels {@code (N,)} integer labels
     * @param distance the distance the loss uses
     * @return the mined tuples (index arrays attached to the embeddings' manager)
     */
    MinedTuples mine(NDArray embeddings, NDArray labels, Distance distance);
}
