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
 */
public record ProbeSpec(LinearProbeSpec linearProbe, KnnSpec knn, int batchSize, HashingSpec hashing) {
    /** Validates the batch size. */
    public ProbeSpec {
        Checks.atLeast("batch_size", batchSize, 1);
    }

    /** @return the defaults */
    public static ProbeSpec defaults() {
        return new ProbeSpec(LinearProbeSpec.defaults(), KnnSpec.defaults(), 512, null);
    }
}
