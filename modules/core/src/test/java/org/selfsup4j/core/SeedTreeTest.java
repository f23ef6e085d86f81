package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SeedTreeTest {
    @Test
    void sameNameSameSeedWhateverTheOrder() {
        SeedTree a = new SeedTree(42);
        SeedTree b = new SeedTree(42);
        long x1 = a.seed("init");
        long y1 = a.seed("sampler/epoch-0");
        long y2 = b.seed("sampler/epoch-0");
        long x2 = b.seed("init");
        assertEquals(x1, x2);
        assertEquals(y1, y2);
        assertEquals(a.stream("x").nextLong(), b.stream("x").nextLong());
    }

    @Test
    void namesAndRootsGiveDifferentStreams() {
        SeedTree a = new SeedTree(42);
        assertNotEquals(a.seed("init"), a.seed("init2"));
        assertNotEquals(a.seed("init"), new SeedTree(43).seed("init"));
        assertEquals(a.child("augment").seed("view-0"), a.seed("augment/view-0"));
    }
}
