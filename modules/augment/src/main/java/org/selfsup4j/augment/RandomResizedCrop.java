package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Random resized crop (Szegedy et al. 2015; the SimCLR augmentation): per image, a box of area
 * {@code s·H·W} with {@code s ~ U(scale)} and aspect ratio {@code r}, {@code log r ~ U(log ratio)}, at a
 * uniform position, is resized to {@code size×size} (default: the input's {@code H×W}) with bilinear
 * interpolation. Box sampling follows torchvision ({@code 10} tries, then a centre crop of clamped
 * ratio). A {@code size} smaller than the input makes the small crops of multi-crop (Caron et al. 2020).
 *
 * <p>Bilinear resampling of a box is separable: {@code out[n,c] = R_y[n] · x[n,c] · R_x[n]ᵀ}, where
 * {@code R_y[n]} ({@code H'×H}) and {@code R_x[n]} ({@code W'×W}) hold the two interpolation weights of
 * each output row/column, source coordinate {@code y0 + (o + ½)·h/H − ½} (half-pixel centres). Only the
 * {@code N×4} box parameters cross from Java; the matrices are built on the device
 * ({@link #interpolation}) and the whole batch is two batched matrix products. Scale 1 with ratio 1 is
 * the identity.
 *
 * @param scaleMin smallest area fraction, default 0.2
 * @param scaleMax largest area fraction, default 1.0
 * @param ratioMin smallest aspect ratio w/h, default 3/4
 * @param ratioMax largest aspect ratio w/h, default 4/3
 * @param size the output side in pixels, 0 (default) for the input's own size
 */
@SpecType(value = "random_resized_crop", doc = "crop a random box of random area and aspect ratio, resize to size (0: input size)")
public record RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax, int size)
        implements Augmentation {

    /** Validates the ranges. */
    public RandomResizedCrop {
        Checks.inRange("scale_min", scaleMin, 1e-4, 1.0);
        Checks.inRange("scale_max", scaleMax, 1e-4, 1.0);
        Checks.ordered("scale_max", scaleMin, scaleMax);
        Checks.positive("ratio_min", ratioMin);
        Checks.positive("ratio_max", ratioMax);
        Checks.ordered("ratio_max", ratioMin, ratioMax);
        Checks.atLeast("size", size, 0);
    }

    /**
     * A crop back to the input's size.
     *
     * @param scaleMin smallest area fraction
     * @param scaleMax largest area fraction
     * @param ratioMin smallest aspect ratio w/h
     * @param ratioMax largest aspect ratio w/h
     */
    public RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
        this(scaleMin, scaleMax, ratioMin, ratioMax, 0);
    }

    /**
     * @param newSize the output side, 0 for the input's size
     * @param newScaleMin smallest area fraction
     * @param newScaleMax largest area fraction
     * @return this crop with another output size and scale range (the small crops of multi-crop)
     */
    public RandomResizedCrop resized(int newSize, double newScaleMin, double newScaleMax) {
        return new RandomResizedCrop(newScaleMin, newScaleMax, ratioMin, ratioMax, newSize);
    }

    /** @return the defaults: scale [0.2, 1], ratio [3/4, 4/3] */
    public static RandomResizedCrop defaults() {
        return new RandomResizedCrop(0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] boxes = new float[n * 4];
        for (int i = 0; i < n; i++) {
            double[] box = sampleBox(h, w, rng);
            for (int k = 0; k < 4; k++) {
                boxes[i * 4 + k] = (float) box[k];
            }
        }
        NDManager m = images.getManager();
        NDArray b = m.create(boxes, new Shape(n, 4)).toDevice(images.getDevice(), false);
        NDArray rows = interpolation(b.get(":, 0"), b.get(":, 2"), h, size == 0 ? h : size);
        NDArray cols = interpolation(b.get(":, 1"), b.get(":, 3"), w, size == 0 ? w : size);
        return BatchOps.separable(rows, images, cols);
    }

    /**
     * Bilinear interpolation matrices of one axis, built on the device: {@code R[n, o, i] =
     * max(0, 1 − |src(n, o) − i|)} with {@code src = clamp(start_n + (o + ½)·length_n/out − ½, 0, in − 1)}
     * (the "tent" form of linear interpolation: weight 1 − a on ⌊src⌋ and a on ⌊src⌋ + 1).
     *
     * @param start {@code (N)} first source pixel of each box
     * @param length {@code (N)} box length in source pixels
     * @param in the input axis length
     * @param out the output axis length
     * @return {@code (N, out, in)}: output position × source position
     */
    static NDArray interpolation(NDArray start, NDArray length, int in, int out) {
        long n = start.getShape().get(0);
        NDArray outGrid = BatchOps.grid(start, out);
        NDArray inGrid = BatchOps.grid(start, in);
        NDArray src = start.reshape(n, 1).add(outGrid.add(0.5f).reshape(1, out).mul(length.reshape(n, 1)).div((float) out))
                .sub(0.5f).clip(0f, (float) (in - 1));
        return src.expandDims(2).sub(inGrid.reshape(1, 1, in)).abs().neg().add(1f).maximum(0f);
    }

    /**
     * Samples a crop box.
     *
     * @param h image height
     * @param w image width
     * @param rng the stream
     * @return {@code [top, left, height, width]} in pixels
     */
    double[] sampleBox(int h, int w, SplittableRandom rng) {
        double[] box = Boxes.sample(h, w, scaleMin, scaleMax, ratioMin, ratioMax, false, rng);
        if (box != null) {
            return box;
        }
        double inRatio = (double) w / h;
        double cw = w;
        double ch = h;
        if (inRatio < ratioMin) {
            ch = Math.round(cw / ratioMin);
        } else if (inRatio > ratioMax) {
            cw = Math.round(ch * ratioMax);
        }
        return new double[] {Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), ch, cw};
    }
}
