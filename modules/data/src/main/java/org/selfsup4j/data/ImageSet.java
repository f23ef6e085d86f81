package org.selfsup4j.data;

import java.util.Arrays;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * A labelled set of images held compactly as unsigned bytes, row-major {@code (N, C, H, W)}.
 *
 * <p>{@link #fill(int[], float[])} converts a batch to floats in [0, 1] (value / 255), the input
 * convention of every encoder and augmentation in the framework.
 *
 * @param pixels {@code N·C·H·W} bytes, read as unsigned
 * @param labels {@code N} class labels in {@code [0, numClasses)}
 * @param channels C
 * @param height H
 * @param width W
 * @param numClasses the number of classes
 */
public record ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, int numClasses) {
    /** Validates the sizes. */
    public ImageSet {
        Checks.atLeast("channels", channels, 1);
        Checks.atLeast("height", height, 1);
        Checks.atLeast("width", width, 1);
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw SelfsupException.of("image set", "pixel count", expected + " (" + labels.length + " labels × "
                    + channels + "×" + height + "×" + width + ")", pixels.length, null);
        }
        for (int y : labels) {
            if (y < 0 || y >= numClasses) {
                throw SelfsupException.of("image set", "label", "in [0, " + numClasses + ")", y, null);
            }
        }
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return values per image, {@code C·H·W} */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * Keeps the first {@code n} images (all of them when {@code n >= size()}).
     *
     * @param n how many
     * @return this set or a prefix of it
     */
    public ImageSet limit(int n) {
        Checks.atLeast("data.limit", n, 1);
        if (n >= size()) {
            return this;
        }
        return new ImageSet(Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n), channels, height, width,
                numClasses);
    }

    /**
     * Writes images {@code indices} as floats in [0, 1] into {@code out} (row-major, {@code indices.length·C·H·W}).
     *
     * @param indices which images
     * @param out the destination, at least {@code indices.length·imageSize()} long
     */
    public void fill(int[] indices, float[] out) {
        int size = imageSize();
        for (int b = 0; b < indices.length; b++) {
            int src = indices[b] * size;
            int dst = b * size;
            for (int i = 0; i < size; i++) {
                out[dst + i] = (pixels[src + i] & 0xFF) * (1f / 255f);
            }
        }
    }

    /** @return every image as floats in [0, 1], row-major {@code (size, C·H·W)} */
    public float[] toFloats() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] out = new float[size() * imageSize()];
        fill(all, out);
        return out;
    }
}
