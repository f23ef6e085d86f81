package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link SupConLoss}.
 *
 * @param temperature τ &gt; 0, default 0.1
 */
@SpecType(value = "supcon", doc = "supervised contrastive (Khosla 2020): positives share the class label")
public record SupConSpec(double temperature) implements LossSpec {
    /** Validates τ. */
    public SupConSpec {
        Checks.positive("temperature", temperature);
    }

    /** @return τ = 0.1 */
    public static SupConSpec defaults() {
        return new SupConSpec(0.1);
    }

    @Override
    public Loss build() {
        return new SupConLoss(temperature);
    }

    @Override
    public boolean acceptsMemoryBank() {
        return true;
    }
}
