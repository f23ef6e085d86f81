package org.selfsup4j.data;

import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * A set of images held compactly as unsigned bytes, row-major {@code (N, C, H, W)}, on the heap or
 * memory-mapped ({@link PixelBuffer}), with a class label per image or none (an unlabelled split such
 * as STL-10's {@code unlabeled}, or a flat image folder).
 *
 * <p>{@link #fill(int[], float[])} converts a batch to floats in [0, 1] (value / 255), the input
 * convention of every encoder and augmentation in the framework.
 */
public final class ImageSet {
    private final PixelBuffer pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;

    /**
     * A labelled set on the heap.
     *
     * @param pixels {@code N·C·H·W} bytes, read as unsigned
     * @param labels {@code N} class labels in {@code [0, numClasses)}
     * @param channels C
     * @param height H
     * @param width W
     * @param numClasses the number of classes
     */
    public ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, int numClasses) {
        this(heap(pixels, labels.length, channels, height, width), labels, channels, height, width, numClasses);
    }

    /**
     * @param pixels one record of {@code C·H·W} bytes per image
     * @param labels a label in {@code [0, numClasses)} per image, or {@code null} for an unlabelled set
     * @param channels C
     * @param height H
     * @param width W
     * @param numClasses the number of classes (0 for an unlabelled set)
     */
    public ImageSet(PixelBuffer pixels, int[] labels, int channels, int height, int width, int numClasses) {
        Checks.atLeast("channels", channels, 1);
        Checks.atLeast("height", height, 1);
        Checks.atLeast("width", width, 1);
        if ((long) channels * height * width != pixels.recordSize()) {
            throw SelfsupException.of("image set", "bytes per image", channels + "×" + height + "×" + width,
                    pixels.recordSize(), null);
        }
        if (labels != null) {
            if (labels.length != pixels.count()) {
                throw SelfsupException.of("image set", "label count", "one per image (" + pixels.count() + ")",
                        labels.length, null);
            }
            for (int y : labels) {
                if (y < 0 || y >= numClasses) {
                    throw SelfsupException.of("image set", "label", "in [0, " + numClasses + ")", y, null);
                }
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = labels == null ? 0 : numClasses;
    }

    private static PixelBuffer heap(byte[] pixels, int n, int c, int h, int w) {
        long expected = (long) n * c * h * w;
        if (pixels.length != expected) {
            throw SelfsupException.of("image set", "pixel count", expected + " (" + n + " labels × " + c + "×" + h + "×"
                    + w + ")", pixels.length, null);
        }
        return PixelBuffer.of(pixels, Math.max(1, c * h * w)); // a bad shape is reported by the constructor's checks
    }

    /** @return the pixel records */
    public PixelBuffer buffer() {
        return pixels;
    }

    /**
     * @return a copy of every pixel, {@code N·C·H·W} bytes (for small sets: tests and tools)
     * @throws SelfsupException when the set does not fit one Java array
     */
    public byte[] pixels() {
        long total = (long) size() * imageSize();
        if (total > Integer.MAX_VALUE - 8) {
            throw SelfsupException.of("image set", "size", "< 2 GiB to copy into one array", total + " bytes", null);
        }
        byte[] out = new byte[(int) total];
        for (int i = 0; i < size(); i++) {
            pixels.get(i, out, i * imageSize());
        }
        return out;
    }

    /** @return whether every image has a label */
    public boolean labelled() {
        return labels != null;
    }

    /**
     * @return the labels, one per image
     * @throws SelfsupException when the set is unlabelled
     */
    public int[] labels() {
        if (labels == null) {
            throw SelfsupException.of("data", "labels", "present (this job needs labelled images)", "an unlabelled split",
                    "probe on a labelled split, or use a method that reads no labels");
        }
        return labels;
    }

    /**
     * @param i an image
     * @return its label, or −1 in an unlabelled set
     */
    public int label(int i) {
        return labels == null ? -1 : labels[i];
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return H */
    public int height() {
        return height;
    }

    /** @return W */
    public int width() {
        return width;
    }

    /** @return the number of classes, 0 for an unlabelled set */
    public int numClasses() {
        return numClasses;
    }

    /** @return the number of images */
    public int size() {
        return pixels.count();
    }

    /** @return values per image, {@code C·H·W} */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * Keeps the first {@code n} images (all of them when {@code n >= size()}), sharing the pixels.
     *
     * @param n how many
     * @return this set or a prefix of it
     */
    public ImageSet limit(int n) {
        Checks.atLeast("data.limit", n, 1);
        if (n >= size()) {
            return this;
        }
        return new ImageSet(pixels.prefix(n), labels == null ? null : java.util.Arrays.copyOf(labels, n), channels, height,
                width, numClasses);
    }

    /**
     * Writes images {@code indices} as floats in [0, 1] into {@code out} (row-major, {@code indices.length·C·H·W}).
     *
     * @param indices which images
     * @param out the destination, at least {@code indices.length·imageSize()} long
     */
    public void fill(int[] indices, float[] out) {
        int size = imageSize();
        byte[] one = new byte[size];
        for (int b = 0; b < indices.length; b++) {
            pixels.get(indices[b], one, 0);
            int dst = b * size;
            for (int i = 0; i < size; i++) {
                out[dst + i] = (one[i] & 0xFF) * (1f / 255f);
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
