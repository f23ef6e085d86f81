package org.selfsup4j.losses;

import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Recipe spec of {@link ContrastiveLoss} (the pairwise Siamese loss).
 *
 * @param distance default euclidean
 * @param posMargin m⁺, default 0
 * @param negMargin m⁻, default 1
 * @param reduction {@code mean} (default) or {@code mean_non_zero}
 * @param miner default {@code all_pairs}
 */
@SpecType(value = "siamese", doc = "pairwise contrastive (Hadsell 2006): ½d² for positives, ½[m−d]₊² for negatives")
public record SiameseSpec(String distance, double posMargin, double negMargin, String reduction, Miner miner)
        implements LossSpec {
    /** Validates the names and (through the loss) the margins. */
    public SiameseSpec {
        Distances.parse("distance", distance);
        Checks.oneOf("reduction", reduction, TupleReduction.names());
        Checks.require(miner != null, "miner", "", "given", "false");
        new ContrastiveLoss(Distances.parse("distance", distance), posMargin, negMargin, TupleReduction.MEAN, miner);
    }

    /** @return euclidean, m⁺ = 0, m⁻ = 1, mean, all pairs */
    public static SiameseSpec defaults() {
        return new SiameseSpec("euclidean", 0, 1, "mean", new AllPairsMiner());
    }

    @Override
    public Loss build() {
        return new ContrastiveLoss(Distances.parse("distance", distance), posMargin, negMargin,
                TupleReduction.parse(reduction), miner);
    }
}
