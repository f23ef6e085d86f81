package org.selfsup4j.data;

/**
 * Cuts each epoch into batches of dataset indices. Implementations draw only from the run's named
 * streams, so epoch E's batches depend on the seed and E alone (a resumed run sees the same batches).
 */
public interface EpochSampler {
    /** @return batches per epoch */
    int batchesPerEpoch();

    /**
     * @param epoch the epoch number (0-based)
     * @return {@link #batchesPerEpoch()} arrays of indices
     */
    int[][] epoch(int epoch);
}
