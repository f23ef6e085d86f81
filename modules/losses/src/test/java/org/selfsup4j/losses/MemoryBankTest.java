package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfsupException;

class MemoryBankTest {
    /** Rows whose single value is their global sequence number, so order is visible. */
    private static NDArray rows(NDManager m, int from, int count) {
        float[] v = new float[count * 2];
        for (int i = 0; i < count; i++) {
            v[2 * i] = from + i;
            v[2 * i + 1] = -(from + i);
        }
        return m.create(v, new Shape(count, 2));
    }

    private static float[] firstColumn(NDArray a) {
        return a.get(":, 0").toFloatArray();
    }

    @Test
    void keepsTheLastCapacityRowsOldestFirstThroughWrapAround() {
        try (NDManager m = NDManager.newBaseManager(); MemoryBank bank = new MemoryBank(m, 5, 2)) {
            int seq = 0;
            java.util.ArrayDeque<Integer> model = new java.util.ArrayDeque<>();
            for (int batch : new int[] {2, 2, 3, 1, 4, 5, 7, 1}) {
                try (NDManager scope = m.newSubManager()) {
                    NDArray r = rows(scope, seq, batch);
                    int[] labels = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        labels[i] = seq + i;
                        model.addLast(seq + i);
                        if (model.size() > 5) {
                            model.removeFirst();
                        }
                    }
                    bank.enqueue(r, scope.create(labels));
                    seq += batch;
                    float[] expected = new float[model.size()];
                    int[] expectedLabels = new int[model.size()];
                    int i = 0;
                    for (int x : model) {
                        expected[i] = x;
                        expectedLabels[i++] = x;
                    }
                    assertEquals(model.size(), bank.size());
                    assertArrayEquals(expected, firstColumn(bank.embeddings(scope)));
                    assertArrayEquals(expectedLabels, bank.labels(scope).toIntArray());
                }
            }
        }
    }

    @Test
    void memoryStaysFlatAndShapesAreChecked() {
        try (NDManager m = NDManager.newBaseManager(); MemoryBank bank = new MemoryBank(m, 64, 2)) {
            for (int s = 0; s < 200; s++) {
                try (NDManager scope = m.newSubManager()) {
                    bank.enqueue(rows(scope, s * 8, 8), scope.zeros(new Shape(8)));
                    bank.embeddings(scope);
                }
            }
            // the bank's own manager holds just its two arrays
            assertEquals(64, bank.size());
            SelfsupException e = assertThrows(SelfsupException.class,
                    () -> bank.enqueue(m.zeros(new Shape(3, 4)), m.zeros(new Shape(3))));
            assertEquals("memory bank: shape of embeddings (3, 4) must be (B, 2) to match the bank (64, 2)", e.getMessage());
        }
    }
}
