package org.selfsup4j.mae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.SelfsupException;

/**
 * MAE's per-sample random masking (He et al., CVPR 2022, §3): each of N images independently hides
 * exactly {@code M = round(r·T)} of its T patches, chosen uniformly without replacement from one seeded
 * stream; it keeps {@code K = T − M}. For image n a uniform random permutation {@code π_n} of the T
 * positions (Fisher–Yates) lists the kept positions first:
 * <pre>
 *   kept_n = (π_n(0), …, π_n(K−1)),   restore_n(t) = π_n⁻¹(t),   mask_{n,t} = 1 if π_n⁻¹(t) ≥ K else 0
 * </pre>
 * {@code restore} takes the sequence [K encoded tokens, M mask tokens] back to patch order. Index arrays
 * are flat row indices into {@code (N·T, ·)} so that one gather serves the whole batch.
 *
 * @param images N
 * @param tokens T, patches per image
 * @param kept K, visible patches per image
 * @param permutation {@code N·T} positions, image-major: image n's kept positions first
 */
public record PatchMask(int images, int tokens, int kept, int[] permutation) {
    /** Checks the sizes. */
    public PatchMask {
        if (kept < 1 || kept >= tokens || permutation.length != images * tokens) {
            throw SelfsupException.of("mask", "kept patches", "in [1, " + (tokens - 1) + "] of " + tokens
                    + " with " + images + "·" + tokens + " positions", kept + " of " + permutation.length, null);
        }
    }

    /**
     * @param tokens T
     * @param ratio the mask ratio r
     * @return {@code K = T − round(r·T)}
     * @throws org.selfsup4j.core.SelfsupException unless {@code 1 ≤ K < T}
     */
    public static int keptCount(int tokens, double ratio) {
        int kept = tokens - (int) Math.round(ratio * tokens);
        if (kept < 1 || kept >= tokens) {
            throw SelfsupException.of("method.mask_ratio", "", "such that at least one of the " + tokens
                    + " patches is hidden and one is kept", ratio, null);
        }
        return kept;
    }

    /**
     * @param images N
     * @param tokens T
     * @param ratio the mask ratio r in (0, 1)
     * @param random the seeded stream (e.g. the run's {@code mask/step-S})
     * @return a fresh mask
     */
    public static PatchMask random(int images, int tokens, double ratio, SplittableRandom random) {
        int[] perm = new int[images * tokens];
        for (int n = 0; n < images; n++) {
            int base = n * tokens;
            for (int t = 0; t < tokens; t++) {
                perm[base + t] = t;
            }
            for (int t = tokens - 1; t > 0; t--) {
                int j = random.nextInt(t + 1);
                int tmp = perm[base + t];
                perm[base + t] = perm[base + j];
                perm[base + j] = tmp;
            }
        }
        return new PatchMask(images, tokens, keptCount(tokens, ratio), perm);
    }

    /** @return M, the hidden patches per image */
    public int masked() {
        return tokens - kept;
    }

    /**
     * @param n an image
     * @param t a position
     * @return whether image n hides patch t
     */
    public boolean isMasked(int n, int t) {
        return restore(n, t) >= kept;
    }

    private int restore(int n, int t) {
        int base = n * tokens;
        for (int i = 0; i < tokens; i++) {
            if (permutation[base + i] == t) {
                return i;
            }
        }
        throw new IllegalArgumentException("position " + t);
    }

    /**
     * @param manager where the array lives
     * @return {@code (N·K)} int64 rows of the kept patches in a {@code (N·T, ·)} view of the tokens
     */
    public NDArray keptRows(NDManager manager) {
        long[] rows = new long[images * kept];
        for (int n = 0; n < images; n++) {
            for (int k = 0; k < kept; k++) {
                rows[n * kept + k] = (long) n * tokens + permutation[n * tokens + k];
            }
        }
        return manager.create(rows);
    }

    /**
     * @param manager where the array lives
     * @return {@code (N·T)} int64 rows that take the per-image sequence [K kept, M mask tokens], viewed as
     *     {@code (N·T, ·)}, back to patch order
     */
    public NDArray restoreRows(NDManager manager) {
        long[] rows = new long[images * tokens];
        for (int n = 0; n < images; n++) {
            for (int i = 0; i < tokens; i++) {
                rows[n * tokens + permutation[n * tokens + i]] = (long) n * tokens + i;
            }
        }
        return manager.create(rows);
    }

    /**
     * @param manager where the array lives
     * @return {@code (N, T)} float32, 1 where a patch is hidden and 0 where it is visible
     */
    public NDArray maskArray(NDManager manager) {
        float[] m = new float[images * tokens];
        for (int n = 0; n < images; n++) {
            for (int i = kept; i < tokens; i++) {
                m[n * tokens + permutation[n * tokens + i]] = 1f;
            }
        }
        return manager.create(m, new Shape(images, tokens));
    }
}
