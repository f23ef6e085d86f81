package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Top-k hardest-negative mining for InfoNCE: per anchor only the k negatives with the largest logits
 * (most similar) enter the denominator, {@code Σ_{k ∈ topk} exp(l_k)}; ties at the k-th value are all
 * kept. With k at least the number of negatives this is plain InfoNCE. Default k = 64.
 *
 * @param k the number of negatives kept per anchor, ≥ 1
 */
@SpecType(value = "top_k", doc = "keep only the k most similar negatives per anchor")
public record TopKNegatives(int k) implements NegativeWeighting {
    /** Validates k. */
    public TopKNegatives {
        Checks.atLeast("k", k, 1);
    }

    /** @return k = 64 */
    public static TopKNegatives defaults() {
        return new TopKNegatives(64);
    }

    @Override
    public NDArray negativeTerm(NDArray shifted, NDArray negatives, NDArray positiveMean, NDArray shift,
            float temperature) {
        long c = shifted.getShape().get(1);
        int kk = (int) Math.min(k, c);
        NDArray onlyNeg = LabelMasks.restrict(shifted, negatives).stopGradient();
        NDArray kth = onlyNeg.topK(kk, 1, true, true).get(0).get(":, " + (kk - 1) + ":" + kk);
        NDArray keep = negatives.mul(onlyNeg.gte(kth).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        return NegativeWeighting.uniform(shifted, keep);
    }
}
