package org.selfsup4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Seeded random tensors drawn on the training device.
 *
 * <p>The engine has one global generator; using it unseeded would make runs irreproducible. Every
 * call here first re-seeds the engine from the caller's own named stream ({@link SeedTree}), then
 * draws, so a draw depends only on that stream. Callers must draw from one thread at a time (the
 * training thread), which is how the training loop uses it.
 */
public final class DeviceRandom {
    private DeviceRandom() {}

    /**
     * Draws standard normal values N(0, 1).
     *
     * @param manager where the array lives (and its device)
     * @param shape the shape
     * @param rng the caller's stream; one {@code nextInt} is consumed
     * @return a float32 array of the given shape
     */
    public static NDArray normal(NDManager manager, Shape shape, SplittableRandom rng) {
        synchronized (DeviceRandom.class) {
            manager.getEngine().setRandomSeed(rng.nextInt());
            return manager.randomNormal(0f, 1f, shape, DataType.FLOAT32);
        }
    }

    /**
     * Draws uniform values in [0, 1).
     *
     * @param manager where the array lives (and its device)
     * @param shape the shape
     * @param rng the caller's stream; one {@code nextInt} is consumed
     * @return a float32 array of the given shape
     */
    public static NDArray uniform(NDManager manager, Shape shape, SplittableRandom rng) {
        synchronized (DeviceRandom.class) {
            manager.getEngine().setRandomSeed(rng.nextInt());
            return manager.randomUniform(0f, 1f, shape, DataType.FLOAT32);
        }
    }

    /**
     * Seeds the engine's generator from a stream before an engine call that draws internally
     * (parameter initialisation, dropout).
     *
     * @param manager any manager of the engine
     * @param seed the seed, normally {@link SeedTree#seed(String)}
     */
    public static void seedEngine(NDManager manager, long seed) {
        manager.getEngine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
