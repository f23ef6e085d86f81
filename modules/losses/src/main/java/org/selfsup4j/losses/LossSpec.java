package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;

/** A loss chosen in a recipe's {@code loss} section. */
public interface LossSpec {
    /** @return a new loss */
    Loss build();
}
