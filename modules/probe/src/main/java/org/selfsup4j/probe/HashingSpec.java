package org.selfsup4j.probe;

import java.util.List;
import org.selfsup4j.core.Checks;

/**
 * The {@code eval.hashing} section: semantic hashing (Salakhutdinov &amp; Hinton, 2009) on the encoder's
 * code. Each code dimension becomes one bit; test images query the training set by Hamming distance.
 * Absent (the default) means no hashing evaluation.
 *
 * @param threshold where a dimension's bit turns on: {@code median} (default; each bit's median over the
 *     training codes, so bits are balanced), {@code half} ({@code h > 0.5}, for sigmoid codes) or
 *     {@code zero} ({@code h > 0}, the sign)
 * @param k the rank cut-off of precision@k, default 100
 */
public record HashingSpec(String threshold, int k) {
    /** Validates both fields. */
    public HashingSpec {
        Checks.oneOf("threshold", threshold, List.of("median", "half", "zero"));
        Checks.atLeast("k", k, 1);
    }

    /** @return median thresholds, precision@100 */
    public static HashingSpec defaults() {
        return new HashingSpec("median", 100);
    }
}
