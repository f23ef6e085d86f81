package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrefetcherTest {
    @Test
    void deliversInOrder() {
        try (Prefetcher<Integer> p = new Prefetcher<>(100, 3, i -> i * i)) {
            for (int i = 0; i < 100; i++) {
                assertEquals(i * i, p.next());
            }
            assertFalse(p.hasNext());
        }
    }

    @Test
    void producerErrorsReachTheConsumer() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Prefetcher<Integer> p = new Prefetcher<>(5, 2, i -> {
            if (i == 2) {
                throw boom;
            }
            return i;
        })) {
            assertEquals(0, p.next());
            assertEquals(1, p.next());
            assertSame(boom, assertThrows(IllegalStateException.class, p::next));
        }
    }
}
