package org.selfsup4j.augment;

import java.util.List;
import org.selfsup4j.core.Checks;

/**
 * {@code count} views made by one pipeline (each drawn independently). Several groups make asymmetric
 * views (BYOL's two pipelines) or multi-crop (global crops and small local crops).
 *
 * @param count the number of views, ≥ 1
 * @param pipeline the ordered augmentations
 */
public record ViewGroup(int count, List<Augmentation> pipeline) {
    /** Validates and copies. */
    public ViewGroup {
        Checks.atLeast("count", count, 1);
        pipeline = List.copyOf(pipeline);
    }

    /** @return one view through an empty pipeline (the identity) */
    public static ViewGroup defaults() {
        return new ViewGroup(1, List.of());
    }
}
