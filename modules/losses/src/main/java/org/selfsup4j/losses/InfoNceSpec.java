package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link InfoNceLoss}.
 *
 * @param temperature τ &gt; 0, default 0.5
 */
@SpecType(value = "info_nce", doc = "InfoNCE / NT-Xent over all views (SimCLR); SupCon with class labels")
public record InfoNceSpec(double temperature) implements LossSpec {
    /** Validates τ. */
    public InfoNceSpec {
        Checks.positive("temperature", temperature);
    }

    /** @return τ = 0.5 */
    public static InfoNceSpec defaults() {
        return new InfoNceSpec(0.5);
    }

    @Override
    public Loss build() {
        return new InfoNceLoss(temperature);
    }
}
