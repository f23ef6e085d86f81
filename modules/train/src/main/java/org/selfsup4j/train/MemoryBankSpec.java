package org.selfsup4j.train;

import org.selfsup4j.core.Checks;

/**
 * The memory bank and momentum encoder of MoCo ({@link org.selfsup4j.losses.MemoryBank},
 * {@link MomentumEncoder}).
 *
 * @param size keys kept, ≥ 1, default 4096
 * @param momentum the EMA momentum m ∈ [0, 1), default 0.99
 */
public record MemoryBankSpec(int size, double momentum) {
    /** Validates the fields. */
    public MemoryBankSpec {
        Checks.atLeast("size", size, 1);
        Checks.inRange("momentum", momentum, 0, 0.99999);
    }

    /** @return size 4096, momentum 0.99 */
    public static MemoryBankSpec defaults() {
        return new MemoryBankSpec(4096, 0.99);
    }
}
