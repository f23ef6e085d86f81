package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Computes a method's loss for one batch inside a gradient-collecting scope. Everything it creates
 * must be attached to {@code scope}, which the loop closes after the step.
 */
@FunctionalInterface
public interface StepFunction {
    /**
     * @param scope the step's own manager (on the training device)
     * @param batch the batch
     * @param step the 0-based global step (seeds the step's random streams)
     * @return a scalar loss attached to {@code scope}
     */
    NDArray loss(NDManager scope, Batch batch, long step);

    /**
     * Called after the optimizer has updated the parameters of step {@code step} (e.g. the momentum
     * encoder's EMA). Default: nothing.
     *
     * @param step the step just finished
     */
    default void afterUpdate(long step) {}
}
