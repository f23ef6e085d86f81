package org.selfsup4j.train;

import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code train} section.
 *
 * @param epochs passes over the (limited) training set, default 10
 * @param maxSteps stop after this many optimizer steps; 0 = no limit (default)
 * @param batchSize images per step (each contributes one sample per view), default 256
 * @param prefetch batches prepared ahead on a background thread, default 2
 * @param checkpointEveryEpoch write {@code checkpoints/epoch-E.params} after each epoch, default true
 * @param stateEverySteps write the resumable training state {@code checkpoints/state-S.bin} every this
 *     many steps (and at each epoch end); 0 = at epoch ends only. Default 500
 * @param keepStates how many of the newest state files to keep, at least 1; default 2
 * @param nonFinite what a NaN or infinite loss or gradient does: {@code stop} the run (default), or
 *     {@code rollback} to the newest training state with the learning rate multiplied by
 *     {@code rollbackLrFactor}
 * @param rollbackLrFactor the factor each rollback applies to the learning rate, in (0, 1); default 0.5
 * @param maxRollbacks rollbacks allowed before the run stops anyway; default 3
 */
public record TrainSpec(int epochs, long maxSteps, int batchSize, int prefetch, boolean checkpointEveryEpoch,
        long stateEverySteps, int keepStates, String nonFinite, double rollbackLrFactor, int maxRollbacks) {
    /** Validates every field. */
    public TrainSpec {
        Checks.atLeast("epochs", epochs, 1);
        Checks.atLeast("max_steps", maxSteps, 0);
        Checks.atLeast("batch_size", batchSize, 2);
        Checks.atLeast("prefetch", prefetch, 1);
        Checks.atLeast("state_every_steps", stateEverySteps, 0);
        Checks.atLeast("keep_states", keepStates, 1);
        if (!nonFinite.equals("stop") && !nonFinite.equals("rollback")) {
            throw SelfsupException.of("non_finite", "", "stop or rollback", "'" + nonFinite + "'", null);
        }
        Checks.require(rollbackLrFactor > 0 && rollbackLrFactor < 1, "rollback_lr_factor", "", "in (0, 1)",
                rollbackLrFactor);
        Checks.atLeast("max_rollbacks", maxRollbacks, 0);
    }

    /**
     * The settings that tests and short runs use: no rollback.
     *
     * @param epochs epochs
     * @param maxSteps step limit (0 = none)
     * @param batchSize batch size
     * @param prefetch prefetch depth
     * @param checkpointEveryEpoch model files per epoch
     * @param stateEverySteps training-state interval (0 = epoch ends only)
     * @param keepStates states kept
     * @return the spec, stopping on a non-finite value
     */
    public static TrainSpec of(int epochs, long maxSteps, int batchSize, int prefetch, boolean checkpointEveryEpoch,
            long stateEverySteps, int keepStates) {
        return new TrainSpec(epochs, maxSteps, batchSize, prefetch, checkpointEveryEpoch, stateEverySteps, keepStates,
                "stop", 0.5, 3);
    }

    /** @return 10 epochs, no step limit, batch 256, prefetch 2, checkpoint each epoch, state every 500 steps, keep 2 */
    public static TrainSpec defaults() {
        return new TrainSpec(10, 0, 256, 2, true, 500, 2, "stop", 0.5, 3);
    }
}
