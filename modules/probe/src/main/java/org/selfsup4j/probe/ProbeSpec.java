package org.selfsup4j.probe;

import org.selfsup4j.core.Checks;

/**
 * The recipe's {@code eval} section: when present, {@code selfsup pretrain} probes the encoder after
 * training; {@code selfsup probe} uses it too (defaults when absent).
 *
 * @param linearProbe linear-probe settings
 * @param knn kNN settings
 * @param batchSize images per forward pass during feature extraction, default 512
 * @param hashing semantic-hashing retrieval on the code, or {@code null} for none (default)
 * @param trainLimit probe on the first this many training images only, 0 (default) for all 60,000; for
 *     CI-sized suites, not for published figures
 * @param testLimit evaluate on the first this many test images only, 0 (default) for all 10,000
 * @param online the per-epoch online probe during pretraining, or {@code null} for none (default)
 */
public record ProbeSpec(LinearProbeSpec linearProbe, KnnSpec knn, int batchSize, HashingSpec hashing, int trainLimit,
        int testLimit, OnlineProbeSpec online) {
    /** Validates the batch size and the limits. */
    public ProbeSpec {
        Checks.atLeast("batch_size", batchSize, 1);
        Checks.atLeast("train_limit", trainLimit, 0);
        Checks.atLeast("test_limit", testLimit, 0);
    }

    /** @return the defaults */
    public static ProbeSpec defaults() {
        return new ProbeSpec(LinearProbeSpec.defaults(), KnnSpec.defaults(), 512, null, 0, 0, null);
    }

    /**
     * @param n a split's size
     * @param limit {@link #trainLimit()} or {@link #testLimit()}
     * @return how many images of the split the probe uses
     */
    public static int used(int n, int limit) {
        return limit == 0 ? n : Math.min(n, limit);
    }
}
