package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.selfsup4j.core.SelfsupException;

/**
 * Splits images into non-overlapping square patches and back, row-major over the patch grid:
 * patch {@code t = i·(W/p) + j} holds pixels {@code [i·p, (i+1)·p) × [j·p, (j+1)·p)} flattened as
 * {@code (c, y, x)}.
 */
public final class Patches {
    private Patches() {}

    /**
     * @param images {@code (N, C, H, W)}, H and W multiples of p
     * @param p the patch side
     * @return {@code (N, T, C·p²)} with {@code T = (H/p)(W/p)}
     */
    public static NDArray patchify(NDArray images, int p) {
        Shape s = images.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long gh = grid(s.get(2), p, "height");
        long gw = grid(s.get(3), p, "width");
        return images.reshape(n, c, gh, p, gw, p).transpose(0, 2, 4, 1, 3, 5).reshape(n, gh * gw, c * p * p);
    }

    /**
     * The inverse of {@link #patchify}.
     *
     * @param patches {@code (N, T, C·p²)}
     * @param p the patch side
     * @param channels C
     * @param height H
     * @param width W
     * @return {@code (N, C, H, W)}
     */
    public static NDArray unpatchify(NDArray patches, int p, int channels, int height, int width) {
        long n = patches.getShape().get(0);
        long gh = grid(height, p, "height");
        long gw = grid(width, p, "width");
        return patches.reshape(n, gh, gw, channels, p, p).transpose(0, 3, 1, 4, 2, 5).reshape(n, channels, height, width);
    }

    /**
     * @param side an image side
     * @param p the patch side
     * @param what {@code height} or {@code width}, for the error
     * @return {@code side / p}
     */
    static long grid(long side, int p, String what) {
        if (side % p != 0) {
            throw SelfsupException.of("vit", "image " + what, "a multiple of the patch size " + p, side, null);
        }
        return side / p;
    }
}
