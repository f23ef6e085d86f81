package org.selfsup4j.core;

import java.util.SplittableRandom;

/** Uniformly random permutations (Fisher–Yates / Durstenfeld shuffle) from a seeded stream. */
public final class Permutation {
    private Permutation() {}

    /**
     * @param n the size
     * @param rng the stream (consumes n − 1 draws)
     * @return a uniformly random permutation of {@code 0..n-1}
     */
    public static int[] random(int n, SplittableRandom rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
