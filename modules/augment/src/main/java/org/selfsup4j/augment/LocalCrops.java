package org.selfsup4j.augment;

import org.selfsup4j.core.Checks;

/**
 * Multi-crop's small views (Caron et al., SwAV, NeurIPS 2020): {@code count} extra views made by the
 * first view group's pipeline with its random resized crop replaced by a crop of area fraction
 * {@code [scale_min, scale_max]} resized to {@code size×size}. With the default global crop (scale
 * [0.2, 1], full size) this gives "2 × 28² + m × 12²" on Fashion-MNIST, the ratio of SwAV's 224/96.
 *
 * @param count the number of small crops m, ≥ 1, default 4
 * @param size their side in pixels, default 12
 * @param scaleMin smallest area fraction, default 0.05
 * @param scaleMax largest area fraction, default 0.3
 */
public record LocalCrops(int count, int size, double scaleMin, double scaleMax) {
    /** Validates the settings. */
    public LocalCrops {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("size", size, 2);
        Checks.inRange("scale_min", scaleMin, 1e-4, 1.0);
        Checks.inRange("scale_max", scaleMax, 1e-4, 1.0);
        Checks.ordered("scale_max", scaleMin, scaleMax);
    }

    /** @return 4 crops of 12×12 from 5–30 % of the image */
    public static LocalCrops defaults() {
        return new LocalCrops(4, 12, 0.05, 0.3);
    }
}
