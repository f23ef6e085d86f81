package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link TripletMarginLoss}.
 *
 * @param distance default euclidean
 * @param margin m ≥ 0, default 0.2
 * @param reduction {@code mean} (default) or {@code mean_non_zero}
 * @param softMargin {@code log(1 + exp(·))} instead of the hinge, default false
 * @param miner default {@code all_triplets}
 */
@SpecType(value = "triplet", doc = "triplet margin [d(a,p) − d(a,n) + m]₊ (FaceNet) or its soft-margin form")
public record TripletSpec(String distance, double margin, String reduction, boolean softMargin, Miner miner)
        implements LossSpec {
    /** Validates the fields. */
    public TripletSpec {
        Distances.parse("distance", distance);
        Checks.nonNegative("margin", margin);
        Checks.oneOf("reduction", reduction, TupleReduction.names());
        Checks.require(miner != null, "miner", "", "given", "false");
    }

    /** @return euclidean, m = 0.2, mean, hinge, all triplets */
    public static TripletSpec defaults() {
        return new TripletSpec("euclidean", 0.2, "mean", false, new AllTripletsMiner());
    }

    @Override
    public Loss build() {
        return new TripletMarginLoss(Distances.parse("distance", distance), margin, TupleReduction.parse(reduction),
                softMargin, miner);
    }
}
