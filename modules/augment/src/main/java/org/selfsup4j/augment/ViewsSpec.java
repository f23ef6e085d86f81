package org.selfsup4j.augment;

import java.util.Collections;
import java.util.List;
import org.selfsup4j.core.Checks;

/**
 * The recipe's {@code augment} section: how many views of each image, and the pipeline each view
 * goes through (the same pipeline, independently drawn, for every view as in SimCLR).
 *
 * <p>Default pipeline for 28×28 grayscale images (colour jitter is meaningless on one channel,
 * SCIENCE.md §7): random resized crop (scale [0.2, 1], ratio [3/4, 4/3]), horizontal flip (p 0.5),
 * Gaussian noise (σ 0.05, p 0.5).
 *
 * @param views the number of views, ≥ 2 for contrastive learning
 * @param pipeline the ordered augmentations
 */
public record ViewsSpec(int views, List<Augmentation> pipeline) {
    /** Validates and copies. */
    public ViewsSpec {
        Checks.atLeast("views", views, 1);
        pipeline = List.copyOf(pipeline);
    }

    /** @return two views through the grayscale default pipeline */
    public static ViewsSpec defaults() {
        return new ViewsSpec(2, List.of(RandomResizedCrop.defaults(), HorizontalFlip.defaults(),
                GaussianNoise.defaults()));
    }

    /** @return the multi-view transform this spec describes */
    public MultiView build() {
        return new MultiView(Collections.nCopies(views, new Pipeline(pipeline)));
    }
}
