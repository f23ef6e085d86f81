package org.selfsup4j.train;

/**
 * One batch as prepared by the data thread: images already converted to floats in [0, 1].
 *
 * @param images {@code n·C·H·W} floats, row-major
 * @param indices the dataset indices of the n images (their instance ids)
 * @param labels the n class labels (unused by self-supervised methods)
 * @param channels C
 * @param height H
 * @param width W
 */
public record Batch(float[] images, int[] indices, int[] labels, int channels, int height, int width) {
    /** @return the number of images */
    public int size() {
        return indices.length;
    }
}
