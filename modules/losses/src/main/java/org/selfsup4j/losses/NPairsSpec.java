package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link NPairsLoss}.
 *
 * @param distance default dot (Sohn's inner product)
 */
@SpecType(value = "npairs", doc = "multi-class N-pair loss (Sohn 2016): cross-entropy over a·pᵀ")
public record NPairsSpec(String distance) implements LossSpec {
    /** Validates the distance. */
    public NPairsSpec {
        Distances.parse("distance", distance);
    }

    /** @return dot */
    public static NPairsSpec defaults() {
        return new NPairsSpec("dot");
    }

    @Override
    public Loss build() {
        return new NPairsLoss(Distances.parse("distance", distance));
    }
}
