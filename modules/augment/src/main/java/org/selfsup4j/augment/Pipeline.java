package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ordered composition of augmentations, each drawing from the same view stream in turn.
 *
 * @param steps the augmentations, applied first to last
 */
public record Pipeline(List<Augmentation> steps) implements Augmentation {
    /** Copies the list. */
    public Pipeline {
        steps = List.copyOf(steps);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        NDArray x = images;
        for (Augmentation a : steps) {
            x = a.apply(x, rng);
        }
        return x;
    }
}
