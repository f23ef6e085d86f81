package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;

class MPerClassSamplerTest {
    /** 10 classes of unequal sizes (30..75 samples), interleaved. */
    private static int[] labels() {
        int[] y = new int[10 * 30 + 5 * 45];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 300 ? i % 10 : i % 5;
        }
        return y;
    }

    @Test
    void everyBatchHasBatchOverMClassesWithMEach() {
        int[] y = labels();
        MPerClassSampler s = new MPerClassSampler(y, 24, 4, new SeedTree(3));
        assertEquals(y.length / 24, s.batchesPerEpoch());
        for (int e = 0; e < 3; e++) {
            int[] uses = new int[y.length];
            for (int[] b : s.epoch(e)) {
                assertEquals(24, b.length);
                Map<Integer, Integer> count = new HashMap<>();
                for (int i : b) {
                    count.merge(y[i], 1, Integer::sum);
                    uses[i]++;
                }
                assertEquals(6, count.size());
                assertTrue(count.values().stream().allMatch(c -> c == 4), count.toString());
                assertEquals(24, Arrays.stream(b).distinct().count(), "no sample twice in a batch");
            }
            assertCycled(y, uses);
        }
    }

    /** Within an epoch a class's samples are all used before any repeats: uses differ by at most 1. */
    private static void assertCycled(int[] y, int[] uses) {
        for (int c = 0; c < 10; c++) {
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    lo = Math.min(lo, uses[i]);
                    hi = Math.max(hi, uses[i]);
                }
            }
            assertTrue(hi - lo <= 1, "class " + c + " uses " + lo + ".." + hi);
        }
    }

    @Test
    void epochsDependOnlyOnSeedAndEpoch() {
        int[] y = labels();
        MPerClassSampler a = new MPerClassSampler(y, 20, 2, new SeedTree(1));
        MPerClassSampler b = new MPerClassSampler(y, 20, 2, new SeedTree(1));
        b.epoch(0);
        assertArrayEquals(a.epoch(1), b.epoch(1));
        assertFalse(Arrays.deepEquals(a.epoch(1), a.epoch(2)));
        assertFalse(Arrays.deepEquals(a.epoch(1), new MPerClassSampler(y, 20, 2, new SeedTree(2)).epoch(1)));
    }

    @Test
    void badSettingsAreCleanErrors() {
        int[] y = labels();
        assertEquals("train.batch_size: must be a multiple of method.samples_per_class (3), found 20",
                assertThrows(SelfsupException.class, () -> new MPerClassSampler(y, 20, 3, new SeedTree(1))).getMessage());
        assertEquals("train.batch_size / method.samples_per_class: classes per batch must be between 2 and the 10 "
                + "classes present, found 1; a supervised batch needs at least two classes",
                assertThrows(SelfsupException.class, () -> new MPerClassSampler(y, 8, 8, new SeedTree(1))).getMessage());
        assertThrows(SelfsupException.class, () -> new MPerClassSampler(new int[40], 8, 4, new SeedTree(1)));
    }
}
