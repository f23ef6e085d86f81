package org.selfsup4j.train;

/**
 * Cross-cutting training features (progress, metrics log, checkpoints, online probes) hook into the
 * loop here instead of into a base class (DESIGN.md principle 1). All methods default to nothing.
 */
public interface TrainingListener {
    /**
     * After every optimizer step.
     *
     * @param stats the step's figures
     */
    default void onStep(StepStats stats) {}

    /**
     * After each epoch.
     *
     * @param epoch the 0-based epoch that ended
     * @param step the number of steps done so far
     */
    default void onEpochEnd(int epoch, long step) {}

    /**
     * When training ends normally (after the last step or at {@code max_steps}).
     *
     * @param step the number of steps done
     */
    default void onEnd(long step) {}

    /**
     * When a stop request ends training early, between two steps, before the loop throws
     * {@link org.selfsup4j.core.Interrupted}: the place to leave a resumable state.
     *
     * @param step the number of steps done
     */
    default void onStop(long step) {}
}
