package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import org.selfsup4j.core.Scalars;

/**
 * Projection onto the unit hypersphere along the last axis: {@code z = x / max(||x||₂, ε)}, ε = 1e-12.
 * Shape is unchanged.
 */
public final class L2Normalize {
    private static final float EPS = 1e-12f;

    private L2Normalize() {}

    /**
     * @param x any array, normalised along its last axis
     * @return the normalised array
     */
    public static NDArray apply(NDArray x) {
        return x.div(Scalars.maximum(x.norm(new int[] {-1}, true), EPS));
    }

    /** @return a parameter-free block applying {@link #apply} to its single input */
    public static Block block() {
        return new LambdaBlock(list -> new NDList(apply(list.singletonOrThrow())), "l2_normalize");
    }
}
