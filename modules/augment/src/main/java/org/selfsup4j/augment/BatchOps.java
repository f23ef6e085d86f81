package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.SelfsupException;

/**
 * The small pieces every batched augmentation shares: per-sample parameters drawn in Java (a few
 * numbers per image) and moved to the images' device as {@code (N, 1, 1, 1)} columns, exact per-sample
 * selection, and ITU-R 601 luminance. Pixels are only touched by NDArray operations.
 */
final class BatchOps {
    private BatchOps() {}

    /**
     * @param n the number of samples
     * @param p the probability of a 1
     * @param rng the stream (consumes {@code n} doubles)
     * @return {@code n} values in {0, 1}
     */
    static float[] bernoulli(int n, double p, SplittableRandom rng) {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return m;
    }

    /**
     * @param n the number of samples
     * @param lo the lower bound
     * @param hi the upper bound
     * @param rng the stream (consumes {@code n} doubles)
     * @return {@code n} values drawn from {@code U(lo, hi)}
     */
    static float[] uniform(int n, double lo, double hi, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return v;
    }

    /**
     * @param images {@code (N, C, H, W)}
     * @param values {@code N} per-sample values
     * @return {@code (N, 1, 1, 1)} on the images' device and manager
     */
    static NDArray column(NDArray images, float[] values) {
        return images.getManager().create(values, new Shape(values.length, 1, 1, 1)).toDevice(images.getDevice(), false);
    }

    /**
     * Per-sample selection {@code out_n = m_n ? transformed_n : images_n}, written as
     * {@code t·m + x·(1 − m)}: exact for finite values and a 0/1 mask.
     *
     * @param images {@code (N, C, H, W)} the inputs
     * @param mask {@code N} values in {0, 1}
     * @param transformed {@code (N, C, H, W)} the transformed inputs
     * @return the selection
     */
    static NDArray choose(NDArray images, float[] mask, NDArray transformed) {
        NDArray m = column(images, mask);
        return transformed.mul(m).add(images.mul(m.neg().add(1f)));
    }

    /**
     * A separable linear map of each image, {@code out[n, c] = rows[n] · x[n, c] · cols[n]ᵀ}: two batched
     * matrix products, shared by the resampling of crops and the Gaussian blur.
     *
     * @param rows {@code (N, H', H)} the row map of each image
     * @param images {@code (N, C, H, W)}
     * @param cols {@code (N, W', W)} the column map of each image
     * @return {@code (N, C, H', W')}
     */
    static NDArray separable(NDArray rows, NDArray images, NDArray cols) {
        return rows.expandDims(1).matMul(images).matMul(cols.transpose(0, 2, 1).expandDims(1));
    }

    /**
     * Luminance {@code Y = 0.299 R + 0.587 G + 0.114 B} (ITU-R 601-2, as torchvision); a one-channel
     * image is its own luminance.
     *
     * @param images {@code (N, C, H, W)} with C = 1 or 3
     * @return {@code (N, 1, H, W)}
     */
    static NDArray luminance(NDArray images) {
        if (images.getShape().get(1) == 1) {
            return images;
        }
        NDArray w = images.getManager().create(new float[] {0.299f, 0.587f, 0.114f}, new Shape(1, 3, 1, 1))
                .toDevice(images.getDevice(), false);
        return images.mul(w).sum(new int[] {1}, true);
    }

    /**
     * {@code arange(0, size)} as float32 on the images' device.
     *
     * @param like an array on the target device
     * @param size the length
     * @return {@code (size)}
     */
    static NDArray grid(NDArray like, int size) {
        NDManager m = like.getManager();
        return m.arange(0f, (float) size, 1f).toType(DataType.FLOAT32, false).toDevice(like.getDevice(), false);
    }

    /**
     * Requires 1- or 3-channel {@code (N, C, H, W)} input.
     *
     * @param op the augmentation's type name
     * @param images the input
     * @return the channel count
     */
    static int channels(String op, NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || (s.get(1) != 1 && s.get(1) != 3)) {
            throw SelfsupException.of(op, "input", "(N, C, H, W) with 1 or 3 channels", s, null);
        }
        return (int) s.get(1);
    }
}
