package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.SpecType;

/**
 * Random erasing / cutout (Zhong et al. 2020; torchvision {@code RandomErasing}): with probability
 * {@code p} per image, a box of area fraction {@code s ~ U(scale)} and ratio {@code log r ~ U(log ratio)}
 * (10 tries; none fitting strictly inside means no erasing) is filled with {@code value} in all
 * channels, or with {@code U(0, 1)} noise when {@code noise} is set:
 * {@code out = x·(1 − box) + fill·box}.
 *
 * <p>The box is a product of a row and a column indicator, built on the device from the
 * {@code N×4} box parameters.
 *
 * @param scaleMin smallest area fraction, default 0.02
 * @param scaleMax largest area fraction, default 0.33
 * @param ratioMin smallest aspect ratio, default 0.3
 * @param ratioMax largest aspect ratio, default 3.3
 * @param value the fill value in [0, 1], default 0
 * @param noise fill with uniform noise instead of {@code value}, default false
 * @param p the probability, default 0.5
 */
@SpecType(value = "random_erasing", doc = "erase a random box (cutout) with value or noise, probability p")
public record RandomErasing(double scaleMin, double scaleMax, double ratioMin, double ratioMax, double value,
        boolean noise, double p) implements Augmentation {
    /** Validates the ranges. */
    public RandomErasing {
        Checks.inRange("scale_min", scaleMin, 0, 1);
        Checks.inRange("scale_max", scaleMax, 0, 1);
        Checks.ordered("scale_max", scaleMin, scaleMax);
        Checks.positive("ratio_min", ratioMin);
        Checks.positive("ratio_max", ratioMax);
        Checks.ordered("ratio_max", ratioMin, ratioMax);
        Checks.inRange("value", value, 0, 1);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return torchvision's defaults: scale [0.02, 0.33], ratio [0.3, 3.3], value 0, p = 0.5 */
    public static RandomErasing defaults() {
        return new RandomErasing(0.02, 0.33, 0.3, 3.3, 0, false, 0.5);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] top = new float[n];
        float[] bottom = new float[n];
        float[] left = new float[n];
        float[] right = new float[n];
        for (int i = 0; i < n; i++) {
            double[] box = rng.nextDouble() < p ? Boxes.sample(h, w, scaleMin, scaleMax, ratioMin, ratioMax, true, rng) : null;
            if (box != null) {
                top[i] = (float) box[0];
                bottom[i] = (float) (box[0] + box[2]);
                left[i] = (float) box[1];
                right[i] = (float) (box[1] + box[3]);
            }
        }
        NDArray rows = inside(images, top, bottom, h).reshape(n, 1, h, 1);
        NDArray cols = inside(images, left, right, w).reshape(n, 1, 1, w);
        NDArray box = rows.mul(cols);
        NDArray fill = noise ? DeviceRandom.uniform(images.getManager(), s, rng) : images.zerosLike().add((float) value);
        return images.mul(box.neg().add(1f)).add(fill.mul(box));
    }

    /** @return {@code (N, size)} indicator of {@code lo ≤ i < hi} */
    private static NDArray inside(NDArray like, float[] lo, float[] hi, int size) {
        int n = lo.length;
        NDArray grid = BatchOps.grid(like, size).reshape(1, size);
        NDArray l = like.getManager().create(lo, new Shape(n, 1)).toDevice(like.getDevice(), false);
        NDArray u = like.getManager().create(hi, new Shape(n, 1)).toDevice(like.getDevice(), false);
        return grid.gte(l).logicalAnd(grid.lt(u)).toType(like.getDataType(), false);
    }
}
