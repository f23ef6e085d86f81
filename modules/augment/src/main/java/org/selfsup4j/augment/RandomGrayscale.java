package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Random grayscale (torchvision {@code RandomGrayscale}): with probability {@code p} per image, every
 * channel becomes the luminance {@code Y = 0.299 R + 0.587 G + 0.114 B}. One-channel images are
 * returned unchanged (the stream is consumed the same way).
 *
 * @param p the probability, default 0.2
 */
@SpecType(value = "random_grayscale", doc = "replace RGB by its luminance with probability p (no-op on 1 channel)")
public record RandomGrayscale(double p) implements Augmentation {
    /** Validates p. */
    public RandomGrayscale {
        Checks.inRange("p", p, 0, 1);
    }

    /** @return p = 0.2, as SimCLR */
    public static RandomGrayscale defaults() {
        return new RandomGrayscale(0.2);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        int channels = BatchOps.channels("random_grayscale", images);
        float[] mask = BatchOps.bernoulli((int) images.getShape().get(0), p, rng);
        if (channels == 1) {
            return images;
        }
        return BatchOps.choose(images, mask, BatchOps.luminance(images).tile(new long[] {1, 3, 1, 1}));
    }
}
