package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.selfsup4j.core.Scalars;

/**
 * How a tuple loss reduces its per-tuple terms {@code ℓ_k ≥ 0} to a scalar:
 * <ul>
 *   <li>{@code MEAN} [mean]: {@code Σ_k ℓ_k / K} over all K valid tuples;
 *   <li>{@code MEAN_NON_ZERO} [mean_non_zero]: {@code Σ_k ℓ_k / |{k : ℓ_k > 0}|}, the mean over the
 *       tuples that still violate their margin (pytorch-metric-learning's default), so easy tuples
 *       do not dilute the gradient as training progresses.
 * </ul>
 * With no tuple (or no non-zero one) the result is 0, still connected to the graph.
 */
public enum TupleReduction {
    /** Mean over all tuples. */
    MEAN,
    /** Mean over the non-zero tuples. */
    MEAN_NON_ZERO;

    /** @return the recipe names */
    public static List<String> names() {
        return List.of("mean", "mean_non_zero");
    }

    /**
     * @param name a recipe name
     * @return the reduction
     */
    public static TupleReduction parse(String name) {
        return name.equals("mean_non_zero") ? MEAN_NON_ZERO : MEAN;
    }

    /**
     * @param terms {@code (K,)} non-negative terms
     * @param zero a connected zero, returned when there is nothing to average
     * @return the reduced scalar
     */
    public NDArray reduce(NDArray terms, NDArray zero) {
        if (terms.size() == 0) {
            return zero;
        }
        if (this == MEAN) {
            return Scalars.div(terms.sum(), terms.size());
        }
        // on the device, without a host round trip: Σℓ / max(#non-zero, 1) is 0 when every term is 0
        return terms.sum().div(terms.gt(0f).toType(DataType.FLOAT32, false).sum().maximum(1f));
    }
}
