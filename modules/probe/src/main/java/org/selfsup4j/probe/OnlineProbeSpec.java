package org.selfsup4j.probe;

import org.selfsup4j.core.Checks;

/**
 * The online probe ({@code eval.online}): after every epoch of pretraining, the current encoder's frozen
 * features (inference mode, no gradient into the encoder) of the first {@code images} training images
 * are split into fit and validation parts; a linear probe with a fixed λ is fitted on the first and
 * scored on the second, and a weighted kNN likewise. Only training images and their labels are used.
 * The figures go to {@code metrics.jsonl} as {@code online_probe} events and to the run's report.
 *
 * @param images training images used per evaluation, default 10,000
 * @param valFraction the share of them held out for scoring, default 0.2
 * @param l2 the probe's λ, default 1e-4
 * @param iterations L-BFGS iterations at most, default 100
 */
public record OnlineProbeSpec(int images, double valFraction, double l2, int iterations) {
    /** Validates the fields. */
    public OnlineProbeSpec {
        Checks.atLeast("images", images, 20);
        Checks.inRange("val_fraction", valFraction, 0.01, 0.5);
        Checks.inRange("l2", l2, 0, 10);
        Checks.atLeast("iterations", iterations, 1);
    }

    /** @return the defaults */
    public static OnlineProbeSpec defaults() {
        return new OnlineProbeSpec(10000, 0.2, 1e-4, 100);
    }
}
