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
 * uniform position, is resized back to {@code H×W} with bilinear interpolation. Box sampling follows
 * torchvision ({@code 10} tries, then a centre crop of clamped ratio).
 *
 * <p>Bilinear resampling of a box is separable: {@code out[n,c] = R_y[n] · x[n,c] · R_x[n]ᵀ}, where
 * {@code R_y[n]} ({@code H×H}) and {@code R_x[n]} ({@code W×W}) hold the two interpolation weights of
 * each output row/column, source coordinate {@code y0 + (o + ½)·h/H − ½} (half-pixel centres). The
 * whole batch is two batched matrix products on the device. Scale 1 with ratio 1 is the identity.
 *
 * @param scaleMin smallest area fraction, default 0.2
 * @param scaleMax largest area fraction, default 1.0
 * @param ratioMin smallest aspect ratio w/h, default 3/4
 * @param ratioMax largest aspect ratio w/h, default 4/3
 */
@SpecType(value = "random_resized_crop", doc = "crop a random box of random area and aspect ratio, resize back")
public record RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax)
        implements Augmentation {

    /** Validates the ranges. */
    public RandomResizedCrop {
        Checks.inRange("scale_min", scaleMin, 1e-4, 1.0);
        Checks.inRange("scale_max", scaleMax, 1e-4, 1.0);
        Checks.ordered("scale_max", scaleMin, scaleMax);
        Checks.positive("ratio_min", ratioMin);
        Checks.positive("ratio_max", ratioMax);
        Checks.ordered("ratio_max", ratioMin, ratioMax);
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
        float[] ry = new float[n * h * h];
        float[] rx = new float[n * w * w];
        for (int i = 0; i < n; i++) {
            double[] box = sampleBox(h, w, rng);
            fillInterpolation(ry, i * h * h, box[0], box[2], h, h, false);
            fillInterpolation(rx, i * w * w, box[1], box[3], w, w, true);
        }
        NDManager m = images.getManager();
        NDArray rowMatrix = m.create(ry, new Shape(n, 1, h, h)).toDevice(images.getDevice(), false);
        NDArray colMatrixT = m.create(rx, new Shape(n, 1, w, w)).toDevice(images.getDevice(), false);
        return rowMatrix.matMul(images).matMul(colMatrixT);
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
        double area = (double) h * w;
        double logLo = Math.log(ratioMin);
        double logHi = Math.log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (scaleMin + (scaleMax - scaleMin) * rng.nextDouble());
            double ratio = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
            long cw = Math.round(Math.sqrt(target * ratio));
            long ch = Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
                int top = rng.nextInt((int) (h - ch) + 1);
                int left = rng.nextInt((int) (w - cw) + 1);
                return new double[] {top, left, ch, cw};
            }
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

    /**
     * Writes the bilinear interpolation matrix of one axis: {@code out × in}, or its transpose.
     *
     * @param dst destination array
     * @param offset where this sample's matrix starts
     * @param start the box's first source pixel
     * @param length the box's length in source pixels
     * @param outLen output length
     * @param inLen source length
     * @param transposed write {@code in × out} (for the right-hand factor)
     */
    static void fillInterpolation(float[] dst, int offset, double start, double length, int outLen, int inLen,
            boolean transposed) {
        for (int o = 0; o < outLen; o++) {
            double src = start + (o + 0.5) * length / outLen - 0.5;
            src = Math.min(Math.max(src, 0), inLen - 1);
            int i0 = (int) Math.floor(src);
            int i1 = Math.min(i0 + 1, inLen - 1);
            float a = (float) (src - i0);
            int k0 = transposed ? i0 * outLen + o : o * inLen + i0;
            int k1 = transposed ? i1 * outLen + o : o * inLen + i1;
            dst[offset + k0] += 1f - a;
            dst[offset + k1] += a;
        }
    }
}
