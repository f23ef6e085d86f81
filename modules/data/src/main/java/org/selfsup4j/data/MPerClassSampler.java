package org.selfsup4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;

/**
 * M-per-class batches for supervised metric learning (as pytorch-metric-learning's
 * {@code MPerClassSampler}): every batch holds {@code batchSize / m} distinct classes, chosen
 * uniformly at random, with {@code m} samples of each. Each class's samples are visited in a fresh
 * random order and reshuffled when exhausted, so every sample is used about equally often. An epoch
 * has {@code n / batchSize} batches. Stream: {@code sampler/epoch-E}.
 */
public final class MPerClassSampler implements EpochSampler {
    private final int[][] byClass;
    private final int batchSize;
    private final int m;
    private final int batches;
    private final SeedTree seeds;

    /**
     * @param labels the class label of every sample
     * @param batchSize the batch size, a multiple of m
     * @param m samples per class in a batch, ≥ 2
     * @param seeds the run's seeds
     */
    public MPerClassSampler(int[] labels, int batchSize, int m, SeedTree seeds) {
        Checks.atLeast("method.samples_per_class", m, 2);
        if (batchSize % m != 0) {
            throw SelfsupException.of("train.batch_size", "", "a multiple of method.samples_per_class (" + m + ")",
                    batchSize, null);
        }
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            groups.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        int perBatch = batchSize / m;
        if (perBatch < 2 || perBatch > groups.size()) {
            throw SelfsupException.of("train.batch_size / method.samples_per_class", "classes per batch",
                    "between 2 and the " + groups.size() + " classes present", perBatch,
                    "a supervised batch needs at least two classes");
        }
        this.byClass = groups.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.batchSize = batchSize;
        this.m = m;
        this.batches = (int) Checks.atLeast("batches per epoch", labels.length / batchSize, 1);
        this.seeds = seeds;
    }

    @Override
    public int batchesPerEpoch() {
        return batches;
    }

    @Override
    public int[][] epoch(int epoch) {
        SplittableRandom rng = seeds.stream("sampler/epoch-" + epoch);
        int c = byClass.length;
        int[][] order = new int[c][];
        int[] cursor = new int[c];
        for (int k = 0; k < c; k++) {
            order[k] = shuffled(byClass[k], rng);
        }
        int[][] out = new int[batches][batchSize];
        for (int b = 0; b < batches; b++) {
            int[] classes = Permutation.random(c, rng);
            int pos = 0;
            for (int j = 0; j < batchSize / m; j++) {
                int k = classes[j];
                for (int s = 0; s < m; s++) {
                    if (cursor[k] == order[k].length) {
                        order[k] = shuffled(byClass[k], rng);
                        cursor[k] = 0;
                    }
                    out[b][pos++] = order[k][cursor[k]++];
                }
            }
        }
        return out;
    }

    private static int[] shuffled(int[] items, SplittableRandom rng) {
        int[] perm = Permutation.random(items.length, rng);
        int[] out = new int[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = items[perm[i]];
        }
        return out;
    }
}
