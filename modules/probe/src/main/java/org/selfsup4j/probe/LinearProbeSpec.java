package org.selfsup4j.probe;

import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * Linear-probe settings.
 *
 * @param valFraction share of the training features held out to choose the L2 strength, default 0.1
 * @param l2Grid the L2 strengths tried, default {@code [1e-6, 1e-5, 1e-4, 1e-3, 1e-2]}
 * @param iterations L-BFGS iterations per fit at most, default 300
 * @param standardize whether features are standardised with the training statistics, default true
 */
public record LinearProbeSpec(double valFraction, List<Double> l2Grid, int iterations, boolean standardize) {
    /** Validates every field. */
    public LinearProbeSpec {
        Checks.inRange("val_fraction", valFraction, 0.01, 0.5);
        l2Grid = List.copyOf(l2Grid);
        if (l2Grid.isEmpty()) {
            throw SelfsupException.of("l2_grid", "", "a non-empty list", "[]", null);
        }
        for (double l2 : l2Grid) {
            Checks.inRange("l2_grid", l2, 0, 10);
        }
        Checks.atLeast("iterations", iterations, 1);
    }

    /** @return the defaults */
    public static LinearProbeSpec defaults() {
        return new LinearProbeSpec(0.1, List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2), 300, true);
    }
}
