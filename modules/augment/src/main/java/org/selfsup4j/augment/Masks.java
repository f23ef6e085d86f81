package org.selfsup4j.augment;

import java.util.SplittableRandom;

/** Per-sample Bernoulli masks shared by the probabilistic augmentations. */
final class Masks {
    private Masks() {}

    /**
     * @param n the number of samples
     * @param p the probability of a 1
     * @param rng the stream (consumes {@code n} doubles)
     * @return {@code n} values in {0, 1}
     */
    static float[] bernoulli(int n, double p, SplittableRandom rng) {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return m;
    }
}
