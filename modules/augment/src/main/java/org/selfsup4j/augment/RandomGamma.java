package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Random gamma (torchvision {@code adjust_gamma}, Kornia {@code RandomGamma}): with probability
 * {@code p} per image, {@code out = x^γ} with {@code γ ~ U(gamma_min, gamma_max)}; γ &lt; 1 brightens
 * the mid-tones, γ &gt; 1 darkens them; 0 and 1 stay fixed, so values stay in [0, 1].
 *
 * @param gammaMin smallest γ, default 0.8
 * @param gammaMax largest γ, default 1.25
 * @param p the probability, default 0.5
 */
@SpecType(value = "random_gamma", doc = "raise pixels to a random power gamma with probability p")
public record RandomGamma(double gammaMin, double gammaMax, double p) implements Augmentation {
    /** Validates the range and p. */
    public RandomGamma {
        Checks.positive("gamma_min", gammaMin);
        Checks.positive("gamma_max", gammaMax);
        Checks.ordered("gamma_max", gammaMin, gammaMax);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return γ ∈ [0.8, 1.25], p = 0.5 */
    public static RandomGamma defaults() {
        return new RandomGamma(0.8, 1.25, 0.5);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        int n = (int) images.getShape().get(0);
        float[] gamma = BatchOps.uniform(n, gammaMin, gammaMax, rng);
        float[] mask = BatchOps.bernoulli(n, p, rng);
        return BatchOps.choose(images, mask, images.clip(0f, 1f).pow(BatchOps.column(images, gamma)));
    }
}
