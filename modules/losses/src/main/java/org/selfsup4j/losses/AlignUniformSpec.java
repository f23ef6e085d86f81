package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link AlignmentUniformityLoss}.
 *
 * @param alpha α &gt; 0, default 2
 * @param t t &gt; 0, default 2
 * @param uniformityWeight λ ≥ 0, default 1
 */
@SpecType(value = "align_uniform", doc = "alignment + uniformity on the hypersphere (Wang & Isola 2020)")
public record AlignUniformSpec(double alpha, double t, double uniformityWeight) implements LossSpec {
    /** Validates by building. */
    public AlignUniformSpec {
        new AlignmentUniformityLoss(alpha, t, uniformityWeight);
    }

    /** @return α = 2, t = 2, λ = 1 */
    public static AlignUniformSpec defaults() {
        return new AlignUniformSpec(2, 2, 1);
    }

    @Override
    public Loss build() {
        return new AlignmentUniformityLoss(alpha, t, uniformityWeight);
    }
}
