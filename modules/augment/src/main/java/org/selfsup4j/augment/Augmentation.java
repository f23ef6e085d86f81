package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * A batched random image transform: {@code (N, C, H, W)} float32 in [0, 1] in, the same shape out, on
 * the input's device. Per-sample random parameters (a few numbers per image) come from {@code rng};
 * the pixels are only touched by NDArray operations, never by a Java loop.
 *
 * <p>Implementations are stateless, so one instance serves any number of views and threads.
 */
@FunctionalInterface
public interface Augmentation {
    /**
     * Transforms a batch.
     *
     * @param images {@code (N, C, H, W)} float32 in [0, 1]
     * @param rng the view's own stream for this step
     * @return the transformed batch, {@code (N, C, H, W)}, attached to the input's manager
     */
    NDArray apply(NDArray images, SplittableRandom rng);
}
