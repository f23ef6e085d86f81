package org.selfsup4j.losses;

/**
 * What a {@link Miner} returns: index sets into the batch that any tuple loss accepts. A pair loss
 * given triplets uses {@link #pairs()}, a triplet loss given pairs uses {@link #triplets()}, as in
 * pytorch-metric-learning.
 */
public sealed interface MinedTuples permits PairIndices, TripletIndices {
    /** @return these tuples as positive and negative pairs */
    PairIndices pairs();

    /** @return these tuples as triplets */
    TripletIndices triplets();

    /** @return the number of tuples (pairs: positive + negative) */
    long size();
}
