package org.selfsup4j.train;

/**
 * What one optimizer step reports to listeners.
 *
 * @param step the 0-based global step
 * @param epoch the 0-based epoch
 * @param stepInEpoch the 0-based step within the epoch
 * @param stepsPerEpoch steps in one epoch
 * @param totalSteps steps of the whole run
 * @param loss the step's loss
 * @param lr the learning rate used
 * @param imagesPerSecond source images per second over this step (data wait included)
 * @param dataWaitMillis time the step waited for its batch
 */
public record StepStats(long step, int epoch, int stepInEpoch, int stepsPerEpoch, long totalSteps, float loss,
        float lr, double imagesPerSecond, double dataWaitMillis) {}
