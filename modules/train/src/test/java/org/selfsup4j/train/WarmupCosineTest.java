package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmupCosineTest {
    @Test
    void handComputedValues() {
        WarmupCosine s = new WarmupCosine(1.0, 4, 14, 0.1);
        assertEquals(0.25f, s.at(0), 1e-6);
        assertEquals(1.0f, s.at(3), 1e-6);
        assertEquals(1.0f, s.at(4), 1e-6);
        // halfway through the decay (t − W = 5 of 10): min + (base − min)·½ = 0.1 + 0.45
        assertEquals(0.55f, s.at(9), 1e-6);
        assertEquals(0.1f, s.at(14), 1e-6);
        assertEquals(0.1f, s.at(100), 1e-6);
        assertEquals(1.0f, new WarmupCosine(1.0, 0, 10, 0).at(0), 1e-6);
    }
}
