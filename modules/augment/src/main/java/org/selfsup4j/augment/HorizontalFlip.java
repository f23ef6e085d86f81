package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Mirrors each image left–right with probability {@code p}:
 * {@code out_n = m_n ? flip_W(x_n) : x_n}, {@code m_n ~ Bernoulli(p)} per image (exact, no arithmetic).
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
        int n = (int) images.getShape().get(0);
        float[] mask = Masks.bernoulli(n, p, rng);
        NDArray m = images.getManager().create(mask, new Shape(n, 1, 1, 1)).toDevice(images.getDevice(), false)
                .gt(0.5f).broadcast(images.getShape());
        return NDArrays.where(m, images.flip(3), images);
    }
}
