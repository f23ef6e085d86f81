package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
    @Test
    void quadraticReachesTheClosedFormMinimum() {
        // f(x) = ½ xᵀAx − bᵀx with A = [[4, 1], [1, 3]], b = [1, 2]: x* = A⁻¹b = [1/11, 7/11].
        Lbfgs.Objective f = (x, g) -> {
            g[0] = 4 * x[0] + x[1] - 1;
            g[1] = x[0] + 3 * x[1] - 2;
            return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
        };
        Lbfgs.Result r = Lbfgs.minimize(f, new double[] {5, -5}, 5, 100, 1e-10);
        assertArrayEquals(new double[] {1.0 / 11, 7.0 / 11}, r.x(), 1e-8);
    }

    @Test
    void rosenbrockConverges() {
        // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
        Lbfgs.Objective f = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        Lbfgs.Result r = Lbfgs.minimize(f, new double[] {-1.2, 1}, 10, 500, 1e-9);
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-5);
        assertEquals(0, r.value(), 1e-10);
        assertTrue(r.iterations() < 200, "iterations " + r.iterations());
    }
}
