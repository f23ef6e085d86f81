package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.SpecType;

/**
 * Additive Gaussian noise with probability {@code p} per image, clipped back to [0, 1]:
 * {@code out = clip(x + m·σ·ε, 0, 1)}, {@code ε ~ N(0, I)} drawn on the device from the view's stream.
 *
 * @param sigma the standard deviation σ, default 0.05
 * @param p the probability, default 0.5
 */
@SpecType(value = "gaussian_noise", doc = "add N(0, sigma^2) noise with probability p, clip to [0, 1]")
public record GaussianNoise(double sigma, double p) implements Augmentation {
    /** Validates σ and p. */
    public GaussianNoise {
        Checks.inRange("sigma", sigma, 0, 10);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return the defaults, σ = 0.05, p = 0.5 */
    public static GaussianNoise defaults() {
        return new GaussianNoise(0.05, 0.5);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        NDArray m = BatchOps.column(images, BatchOps.bernoulli((int) images.getShape().get(0), p, rng));
        NDArray eps = DeviceRandom.normal(images.getManager(), images.getShape(), rng);
        return images.add(eps.mul(m).mul((float) sigma)).clip(0f, 1f);
    }
}
