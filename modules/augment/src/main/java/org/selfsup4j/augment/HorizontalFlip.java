package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Mirrors each image left–right with probability {@code p}:
 * {@code out_n = m_n ? flip_W(x_n) : x_n}, {@code m_n ~ Bernoulli(p)} per image (exact, no arithmetic
 * on the pixels).
 *
 * @param p the probability, default 0.5
 */
@SpecType(value = "horizontal_flip", doc = "mirror left-right with probability p")
public record HorizontalFlip(double p) implements Augmentation {
    /** Validates p. */
    public HorizontalFlip {
        Checks.inRange("p", p, 0, 1);
    }

    /** @return the default, p = 0.5 */
    public static HorizontalFlip defaults() {
        return new HorizontalFlip(0.5);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        return BatchOps.choose(images, BatchOps.bernoulli((int) images.getShape().get(0), p, rng), images.flip(3));
    }
}
