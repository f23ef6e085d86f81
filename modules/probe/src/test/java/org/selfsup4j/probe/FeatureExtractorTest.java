package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import org.junit.jupiter.api.Test;
import org.selfsup4j.data.ImageSet;

/** Feature extraction over batches, with and without the input transform, against the pixels themselves. */
class FeatureExtractorTest {
    @Test
    void featuresOfAFlattenEncoderAreThePixelsAndTheTransformIsApplied() {
        int n = 37;
        byte[] px = new byte[n * 2 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 37) % 256);
        }
        int[] labels = new int[n];
        ImageSet set = new ImageSet(px, labels, 2, 3, 3, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Block flatten = Blocks.batchFlattenBlock();
            flatten.initialize(m, DataType.FLOAT32, new Shape(1, 2, 3, 3));
            Features plain = FeatureExtractor.extract(flatten, 18, set, m, 8);
            Features shifted = FeatureExtractor.extract(flatten, 18, set, m, 8, x -> x.mul(2f).sub(1f));
            float[] expected = new float[px.length];
            float[] expectedShifted = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                expected[i] = (px[i] & 0xFF) / 255f;
                expectedShifted[i] = 2 * expected[i] - 1;
            }
            assertEquals(n, plain.n());
            assertArrayEquals(expected, plain.values(), 1e-6f);
            assertArrayEquals(expectedShifted, shifted.values(), 1e-6f);
        }
    }
}
