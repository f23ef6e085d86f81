package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Block-wise upload equals the values row for row, for sizes below, at and above one block. */
class ArrayIOTest extends ManagedTest {
    @Test
    void uploadInBlocksKeepsEveryValueInPlace() {
        for (int rows : new int[] {3, 2048, 2049, 6000}) {
            int cols = 1024; // 2048 rows of 1024 floats make one 8 MiB block
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = i * 0.5f - 7;
            }
            NDArray a = ArrayIO.upload(m, v, new Shape(rows, cols));
            assertEquals(new Shape(rows, cols), a.getShape());
            assertEquals(m, a.getManager());
            assertArrayEquals(v, a.toFloatArray(), "rows " + rows);
        }
        float[] img = new float[5000 * 2 * 3 * 4];
        for (int i = 0; i < img.length; i++) {
            img[i] = (i % 97) / 97f;
        }
        NDArray images = ArrayIO.upload(m, img, new Shape(5000, 2, 3, 4));
        assertEquals(new Shape(5000, 2, 3, 4), images.getShape());
        assertArrayEquals(img, images.toFloatArray());
    }
}
