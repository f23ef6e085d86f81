package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link AlignmentUniformityLoss}.
 *
 * @param alpha α &gt; 0, default 2
 * @param t t &gt; 0, default 2
 * @param uniformityWeight λ ≥ 0, default 1
 * @param uniformity {@code per_view} (default: within each view, as the paper's code) or {@code all_rows}
 *     (over all stacked views, cross-view pairs included)
 */
@SpecType(value = "align_uniform", doc = "alignment + uniformity on the hypersphere (Wang & Isola 2020)")
public record AlignUniformSpec(double alpha, double t, double uniformityWeight, String uniformity) implements LossSpec {
    /** Validates by building. */
    public AlignUniformSpec {
        new AlignmentUniformityLoss(alpha, t, uniformityWeight);
        Checks.oneOf("uniformity", uniformity, java.util.List.of("per_view", "all_rows"));
    }

    /** @return α = 2, t = 2, λ = 1, per_view */
    public static AlignUniformSpec defaults() {
        return new AlignUniformSpec(2, 2, 1, "per_view");
    }

    @Override
    public Loss build() {
        return new AlignmentUniformityLoss(alpha, t, uniformityWeight, uniformity.equals("per_view"));
    }
}
