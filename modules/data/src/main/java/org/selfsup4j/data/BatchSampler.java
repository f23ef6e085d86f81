package org.selfsup4j.data;

import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.SeedTree;

/**
 * Random batches without replacement: each epoch is a fresh permutation of {@code 0..n-1} drawn from
 * the stream {@code sampler/epoch-E}, cut into batches of {@code batchSize} (the last, short batch is
 * dropped when {@code dropLast}). The batches of epoch E depend only on the seed and E, so a resumed
 * run sees the same batches.
 */
public final class BatchSampler implements EpochSampler {
    private final int n;
    private final int batchSize;
    private final boolean dropLast;
    private final SeedTree seeds;

    /**
     * @param n the dataset size
     * @param batchSize the batch size (≤ n when dropLast)
     * @param dropLast whether to drop the last, short batch
     * @param seeds the run's seeds
     */
    public BatchSampler(int n, int batchSize, boolean dropLast, SeedTree seeds) {
        this.n = (int) Checks.atLeast("dataset size", n, 1);
        this.batchSize = (int) Checks.atLeast("train.batch_size", batchSize, 1);
        if (dropLast && batchSize > n) {
            throw org.selfsup4j.core.SelfsupException.of("train.batch_size", "value",
                    "<= the number of training images (" + n + ")", batchSize, "lower it or raise data.limit");
        }
        this.dropLast = dropLast;
        this.seeds = seeds;
    }

    @Override
    public int batchesPerEpoch() {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public int[][] epoch(int epoch) {
        int[] perm = Permutation.random(n, seeds.stream("sampler/epoch-" + epoch));
        int[][] out = new int[batchesPerEpoch()][];
        for (int b = 0; b < out.length; b++) {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            out[b] = java.util.Arrays.copyOfRange(perm, from, to);
        }
        return out;
    }
}
