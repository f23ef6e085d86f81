package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * Gaussian blur with a per-image σ (the SimCLR/BYOL augmentation), with probability {@code p}: a
 * separable {@code k×k} kernel {@code g_j ∝ exp(−j²/(2σ²))}, {@code |j| ≤ k/2}, normalised to sum 1,
 * {@code σ ~ U(sigma_min, sigma_max)} per image, reflect padding (as torchvision).
 *
 * <p>Blurring one axis of length S is a product with an {@code S×S} matrix
 * {@code B[o, i] = Σ_{j : reflect(o + j) = i} g_j}; with a per-image σ this is a batch of matrices
 * {@code B_n}, and the blurred image is {@code B_n · x[n, c] · B_nᵀ} (two batched matrix products, no
 * convolution per σ). The offsets j feeding each {@code (o, i)} depend only on the geometry (at most two
 * when {@code k ≤ S}), so the matrices are built on the device from two constant offset tables and σ.
 *
 * @param kernelSize odd kernel side ≥ 3, or 0 (default) for SimCLR's 10 % of the shorter side
 *     (rounded to odd, at least 3)
 * @param sigmaMin smallest σ in pixels, default 0.1
 * @param sigmaMax largest σ in pixels, default 2.0
 * @param p the probability, default 0.5
 */
@SpecType(value = "gaussian_blur", doc = "blur with a Gaussian of random sigma, probability p, reflect padding")
public record GaussianBlur(int kernelSize, double sigmaMin, double sigmaMax, double p) implements Augmentation {
    /** Validates the kernel, σ range and p. */
    public GaussianBlur {
        if (kernelSize != 0 && (kernelSize < 3 || kernelSize % 2 == 0)) {
            throw SelfsupException.of("kernel_size", "", "0 (auto) or an odd number >= 3", kernelSize, null);
        }
        Checks.positive("sigma_min", sigmaMin);
        Checks.positive("sigma_max", sigmaMax);
        Checks.ordered("sigma_max", sigmaMin, sigmaMax);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return auto kernel, σ ∈ [0.1, 2], p = 0.5 */
    public static GaussianBlur defaults() {
        return new GaussianBlur(0, 0.1, 2.0, 0.5);
    }

    /**
     * @param side the shorter image side
     * @return the kernel side used on images of that size
     */
    public int kernelFor(int side) {
        if (kernelSize != 0) {
            return kernelSize;
        }
        int k = (int) Math.round(0.1 * side);
        return Math.max(3, k % 2 == 0 ? k + 1 : k);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        BatchOps.channels("gaussian_blur", images);
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int k = kernelFor(Math.min(h, w));
        if (k > Math.min(h, w)) {
            throw SelfsupException.of("gaussian_blur.kernel_size", "", "<= the image side " + Math.min(h, w), k, null);
        }
        float[] sigma = BatchOps.uniform(n, sigmaMin, sigmaMax, rng);
        float[] mask = BatchOps.bernoulli(n, p, rng);
        return BatchOps.choose(images, mask, blur(images, sigma, k));
    }

    /**
     * Blurs each image with its own σ.
     *
     * @param images {@code (N, C, H, W)}
     * @param sigma {@code N} standard deviations in pixels
     * @param k the odd kernel side, at most the shorter image side
     * @return the blurred images
     */
    static NDArray blur(NDArray images, float[] sigma, int k) {
        int n = sigma.length;
        int h = (int) images.getShape().get(2);
        int w = (int) images.getShape().get(3);
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) (1.0 / (2.0 * sigma[i] * sigma[i]));
        }
        NDArray coef = images.getManager().create(c, new Shape(n, 1, 1)).toDevice(images.getDevice(), false);
        NDArray rows = matrices(coef, h, k / 2);
        return BatchOps.separable(rows, images, w == h ? rows : matrices(coef, w, k / 2));
    }

    /**
     * @return {@code (N, S, S)} row-normalised blur matrices {@code B_n}
     */
    private static NDArray matrices(NDArray coef, int size, int radius) {
        NDManager m = coef.getManager();
        float[][] offsets = new float[2][size * size];
        float[][] present = new float[2][size * size];
        for (int o = 0; o < size; o++) {
            for (int j = -radius; j <= radius; j++) {
                int i = reflect(o + j, size);
                int slot = present[0][o * size + i] == 0f ? 0 : 1;
                offsets[slot][o * size + i] = j;
                present[slot][o * size + i] = 1f;
            }
        }
        NDArray b = null;
        for (int slot = 0; slot < 2; slot++) {
            NDArray j2 = m.create(offsets[slot], new Shape(1, size, size)).toDevice(coef.getDevice(), false).square();
            NDArray on = m.create(present[slot], new Shape(1, size, size)).toDevice(coef.getDevice(), false);
            NDArray term = j2.mul(coef).neg().exp().mul(on);
            b = b == null ? term : b.add(term);
        }
        return b.div(b.sum(new int[] {2}, true));
    }

    private static int reflect(int i, int size) {
        if (i < 0) {
            return -i;
        }
        return i >= size ? 2 * (size - 1) - i : i;
    }
}
