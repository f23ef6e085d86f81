package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
    @Test
    void eachEpochIsAPermutationCutIntoBatches() {
        BatchSampler s = new BatchSampler(103, 10, true, new SeedTree(7));
        assertEquals(10, s.batchesPerEpoch());
        int[][] e0 = s.epoch(0);
        boolean[] seen = new boolean[103];
        for (int[] b : e0) {
            assertEquals(10, b.length);
            for (int i : b) {
                assertFalse(seen[i], "index drawn twice: " + i);
                seen[i] = true;
            }
        }
        assertEquals(11, new BatchSampler(103, 10, false, new SeedTree(7)).epoch(0).length);
    }

    @Test
    void deterministicPerEpochAndDifferentAcrossEpochs() {
        int[][] a = new BatchSampler(50, 5, true, new SeedTree(1)).epoch(3);
        int[][] b = new BatchSampler(50, 5, true, new SeedTree(1)).epoch(3);
        int[][] c = new BatchSampler(50, 5, true, new SeedTree(1)).epoch(4);
        assertArrayEquals(a, b);
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void batchLargerThanDataIsAnError() {
        assertThrows(SelfsupException.class, () -> new BatchSampler(10, 11, true, new SeedTree(1)));
    }
}
