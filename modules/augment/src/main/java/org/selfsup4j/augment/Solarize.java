package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Solarisation (BYOL's second view): with probability {@code p} per image, every pixel at or above the
 * threshold is inverted, {@code out = x ≥ t ? 1 − x : x}.
 *
 * @param threshold t ∈ [0, 1], default 0.5
 * @param p the probability, default 0.2
 */
@SpecType(value = "solarize", doc = "invert pixels >= threshold with probability p")
public record Solarize(double threshold, double p) implements Augmentation {
    /** Validates the threshold and p. */
    public Solarize {
        Checks.inRange("threshold", threshold, 0, 1);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return t = 0.5, p = 0.2 (BYOL view 2) */
    public static Solarize defaults() {
        return new Solarize(0.5, 0.2);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        float[] mask = BatchOps.bernoulli((int) images.getShape().get(0), p, rng);
        NDArray solarized = NDArrays.where(images.gte((float) threshold), images.neg().add(1f), images);
        return BatchOps.choose(images, mask, solarized);
    }
}
