package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class StagingBufferTest {
    @Test
    void uploadsExactValuesAcrossReusesOfDifferentSizes() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager root = NDManager.newBaseManager()) {
            for (int n : new int[] {6, 2, 12, 12, 1}) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = n * 100 + i + 0.25f;
                }
                try (NDManager step = root.newSubManager()) {
                    var a = staging.upload(step, v, new Shape(n, 1));
                    assertEquals(new Shape(n, 1), a.getShape());
                    assertArrayEquals(v, a.toFloatArray());
                    assertArrayEquals(v, a.mul(2).div(2).toFloatArray());
                }
            }
            try (NDManager step = root.newSubManager()) {
                float[] buf = {1, 2, 3, 4, 5, 6};
                assertArrayEquals(new float[] {1, 2, 3, 4}, staging.upload(step, buf, new Shape(2, 2)).toFloatArray());
                SelfsupException e = assertThrows(SelfsupException.class, () -> staging.upload(step, buf, new Shape(7)));
                assertEquals("upload: shape (7) must hold at most the 6 values given, found 7", e.getMessage());
            }
        }
    }
}
