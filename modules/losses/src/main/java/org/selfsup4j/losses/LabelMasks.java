package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SelfsupException;

/**
 * The pair masks of a batch, as booleans {@code (N, M)}: {@code positive[i][j]} when
 * {@code y_i = y_j} and {@code i ≠ j} (for a batch against itself), {@code negative[i][j]} when
 * {@code y_i ≠ y_j}; plus checks shared by every loss on {@code (z, y)}.
 *
 * @param positive same label, not the same row
 * @param negative different label
 */
record LabelMasks(NDArray positive, NDArray negative) {
    static final float BIG = 1e9f;

    /**
     * @param y {@code (N,)}
     * @return masks of the batch against itself
     */
    static LabelMasks of(NDArray y) {
        long n = y.getShape().get(0);
        LabelMasks all = against(y, y);
        NDArray notSelf = y.getManager().eye((int) n).toDevice(y.getDevice(), false).gt(0f).logicalNot();
        return new LabelMasks(all.positive().logicalAnd(notSelf), all.negative());
    }

    /**
     * @param y {@code (N,)} labels
     * @param other {@code (M,)} labels of other rows (e.g. a memory bank)
     * @return masks {@code (N, M)}: same label positive, different label negative (no row excluded)
     */
    static LabelMasks against(NDArray y, NDArray other) {
        NDArray same = y.reshape(-1, 1).eq(other.toType(y.getDataType(), false).reshape(1, -1));
        return new LabelMasks(same, same.logicalNot());
    }

    /**
     * @param values any {@code (N, M)} values
     * @param mask a float 0/1 mask of the same shape
     * @return the values where the mask is 1, and the values − 1e9 elsewhere, so that a max, argmax or
     *     exp over a row ignores the entries outside the mask
     */
    static NDArray restrict(NDArray values, NDArray mask) {
        return values.sub(mask.sub(1f).neg().mul(BIG));
    }

    /**
     * Checks that {@code z} is {@code (N, D)} and {@code y} is {@code (N,)}.
     *
     * @param where the loss or miner name
     * @param z the embeddings
     * @param y the labels
     */
    static void check(String where, NDArray z, NDArray y) {
        if (z.getShape().dimension() != 2) {
            throw SelfsupException.of(where, "embeddings", "2-D (N, D)", z.getShape(), null);
        }
        long n = z.getShape().get(0);
        if (y.getShape().dimension() != 1 || y.getShape().get(0) != n) {
            throw new SelfsupException(where, "shape of labels " + y.getShape() + " must be (" + n
                    + ") to match embeddings " + z.getShape());
        }
    }

    /**
     * @param b a boolean mask
     * @return it as float32 0/1
     */
    static NDArray f(NDArray b) {
        return b.toType(DataType.FLOAT32, false);
    }

    /**
     * @param z embeddings
     * @return a zero scalar still connected to the graph of {@code z} (the no-valid-tuple loss)
     */
    static NDArray zero(NDArray z) {
        return Scalars.mul(z.sum(), 0);
    }

    /**
     * @param idx {@code (K, C)} int64 from {@code nonzero()}
     * @param c a column
     * @return column {@code c} as {@code (K,)}
     */
    static NDArray column(NDArray idx, int c) {
        return idx.get(":, " + c);
    }

    /**
     * @param z {@code (N, D)} embeddings (read without gradient)
     * @param distance the distance
     * @return δ for every pair {@code (N, N)}, detached: what miners compare
     */
    static NDArray detachedDissimilarity(NDArray z, Distance distance) {
        NDArray x = z.stopGradient();
        return distance.dissimilarity(distance.matrix(x, x));
    }
}
