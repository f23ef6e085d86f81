package org.selfsup4j.probe.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Axis ticks are 1, 2 or 5 × 10^k steps inside the range. */
class CanvasTest {
    @Test
    void ticksAreNiceNumbersInsideTheRange() {
        assertEquals(0.5, Canvas.niceStep(0.23), 1e-15);
        assertEquals(2.0, Canvas.niceStep(2.0), 1e-15);
        assertEquals(10.0, Canvas.niceStep(5.1), 1e-15);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Canvas.ticks(0, 1, 5), 1e-12);
        assertArrayEquals(new double[] {50, 60, 70, 80, 90, 100}, Canvas.ticks(45, 100, 8), 1e-12);
        assertEquals("0.20", Canvas.tickLabel(0.2, 0.05));
        assertEquals("60", Canvas.tickLabel(60, 10));
    }
}
