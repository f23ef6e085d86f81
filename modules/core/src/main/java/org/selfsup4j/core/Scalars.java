package org.selfsup4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic between an array and a constant that is safe to differentiate on every DJL engine.
 *
 * <p>DJL's PyTorch engine implements {@code x.mul(2f)}, {@code div}, {@code pow}, {@code maximum}
 * and {@code minimum} with a {@code Number} by wrapping the constant in a temporary 0-d tensor over a
 * Java direct buffer and closing it as soon as the forward op returns. Autograd keeps that tensor for
 * the backward pass ({@code ∂(x·c)/∂x = c}, {@code ∂(x/c)/∂x = 1/c}, the masks of max and min), so once
 * the garbage collector frees the buffer the backward pass reads freed memory: gradients become
 * garbage or NaN, a run is no longer reproducible, and the process can crash. ({@code add} and
 * {@code sub} with a constant are safe: their backward pass does not read it.)
 *
 * <p>Here the constant is a 0-d array of {@code x}'s type in {@code x}'s manager, so it lives as long as
 * everything else of the step and the backward pass always reads the value written. Every op on a
 * path that gradients flow through uses these instead of the {@code Number} overloads; outside
 * autograd (augmentations, probes) the overloads are fine.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * @param like the array whose manager, device and type the constant takes
     * @param value the constant
     * @return a 0-d array holding {@code value}
     */
    public static NDArray of(NDArray like, double value) {
        NDArray c = like.getDataType() == DataType.FLOAT64
                ? like.getManager().create(value)
                : like.getManager().create((float) value);
        return c.getDataType() == like.getDataType() ? c : c.toType(like.getDataType(), false);
    }

    /**
     * @param x any array
     * @param c the factor
     * @return {@code x · c}
     */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(of(x, c));
    }

    /**
     * @param x any array
     * @param c the divisor
     * @return {@code x / c}
     */
    public static NDArray div(NDArray x, double c) {
        return x.div(of(x, c));
    }

    /**
     * @param x any array
     * @param c the exponent
     * @return {@code x^c}, element-wise
     */
    public static NDArray pow(NDArray x, double c) {
        return x.pow(of(x, c));
    }

    /**
     * @param x any array
     * @param c the floor
     * @return {@code max(x, c)}, element-wise
     */
    public static NDArray maximum(NDArray x, double c) {
        return x.maximum(of(x, c));
    }

    /**
     * @param x any array
     * @param c the ceiling
     * @return {@code min(x, c)}, element-wise
     */
    public static NDArray minimum(NDArray x, double c) {
        return x.minimum(of(x, c));
    }
}
