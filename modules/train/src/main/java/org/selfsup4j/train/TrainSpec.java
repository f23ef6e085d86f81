package org.selfsup4j.train;

import org.selfsup4j.core.Checks;

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
 */
public record TrainSpec(int epochs, long maxSteps, int batchSize, int prefetch, boolean checkpointEveryEpoch,
        long stateEverySteps, int keepStates) {
    /** Validates every field. */
    public TrainSpec {
        Checks.atLeast("epochs", epochs, 1);
        Checks.atLeast("max_steps", maxSteps, 0);
        Checks.atLeast("batch_size", batchSize, 2);
        Checks.atLeast("prefetch", prefetch, 1);
        Checks.atLeast("state_every_steps", stateEverySteps, 0);
        Checks.atLeast("keep_states", keepStates, 1);
    }

    /** @return 10 epochs, no step limit, batch 256, prefetch 2, checkpoint each epoch, state every 500 steps, keep 2 */
    public static TrainSpec defaults() {
        return new TrainSpec(10, 0, 256, 2, true, 500, 2);
    }
}
