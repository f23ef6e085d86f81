package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;

/** A loss chosen in a recipe's {@code loss} section. */
public interface LossSpec {
    /** @return a new loss */
    Loss build();

    /**
     * @return whether the loss reads memory-bank entries and keys ({@link ContrastiveInputs}); only
     *     those can be combined with a memory bank
     */
    default boolean acceptsMemoryBank() {
        return false;
    }
}
