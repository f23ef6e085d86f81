package org.selfsup4j.probe;

import org.selfsup4j.core.Checks;

/**
 * Weighted kNN settings (Wu et al., CVPR 2018).
 *
 * @param k neighbours, default 200
 * @param temperature T of the vote weight {@code exp(s/T)}, default 0.1
 */
public record KnnSpec(int k, double temperature) {
    /** Validates k and T. */
    public KnnSpec {
        Checks.atLeast("k", k, 1);
        Checks.positive("temperature", temperature);
    }

    /** @return k = 200, T = 0.1 */
    public static KnnSpec defaults() {
        return new KnnSpec(200, 0.1);
    }
}
