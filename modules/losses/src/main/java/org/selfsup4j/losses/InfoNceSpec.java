package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link InfoNceLoss}.
 *
 * @param temperature τ &gt; 0, default 0.5
 * @param distance the similarity: cosine (default), dot, or a distance (negated)
 * @param hardNegatives a {@link NegativeWeighting} ({@code hcl} or {@code top_k}), or null (default)
 */
@SpecType(value = "info_nce", doc = "InfoNCE / NT-Xent over all views (SimCLR, MoCo); optional hard negatives")
public record InfoNceSpec(double temperature, String distance, NegativeWeighting hardNegatives) implements LossSpec {
    /** Validates τ and the distance. */
    public InfoNceSpec {
        Checks.positive("temperature", temperature);
        Distances.parse("distance", distance);
    }

    /** @return τ = 0.5, cosine, no hard-negative weighting */
    public static InfoNceSpec defaults() {
        return new InfoNceSpec(0.5, "cosine", null);
    }

    @Override
    public Loss build() {
        return new InfoNceLoss(temperature, Distances.parse("distance", distance), hardNegatives);
    }

    @Override
    public boolean acceptsMemoryBank() {
        return true;
    }
}
