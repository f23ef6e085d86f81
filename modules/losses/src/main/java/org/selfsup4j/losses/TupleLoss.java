package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A loss over mined tuples (pairs or triplets): {@link #evaluate} mines the batch with the loss's
 * {@link Miner} under its {@link Distance} and hands the tuples to {@link #compute}, which a caller may
 * also call directly with tuples mined elsewhere. Inputs: {@code predictions = [z (N, D)]},
 * {@code labels = [y (N,)]}. Subclasses: {@link ContrastiveLoss}, {@link TripletMarginLoss}.
 */
public abstract class TupleLoss extends Loss {
    /** The distance of the loss (and of its miner). */
    protected final Distance distance;
    private final Miner miner;

    /**
     * @param name the loss name
     * @param distance the distance
     * @param miner the default miner
     */
    protected TupleLoss(String name, Distance distance, Miner miner) {
        super(name);
        this.distance = distance;
        this.miner = miner;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check(getName(), z, y);
        return compute(z, miner.mine(z, y, distance));
    }

    /**
     * @param z {@code (N, D)} embeddings
     * @param tuples mined pairs or triplets (converted as the loss needs)
     * @return the scalar loss
     */
    public abstract NDArray compute(NDArray z, MinedTuples tuples);

    /**
     * @param z {@code (N, D)}
     * @return δ for every pair, flattened to {@code (N·N,)}: entry {@code i·N + j} is δ(z_i, z_j)
     */
    protected NDArray flatDissimilarity(NDArray z) {
        return distance.dissimilarity(distance.matrix(z, z)).reshape(-1);
    }

    /**
     * @param flat the flattened {@code (N·N,)} matrix of {@link #flatDissimilarity}
     * @param n N
     * @param rows row indices {@code (K,)}
     * @param cols column indices {@code (K,)}
     * @return the entries {@code δ(rows[k], cols[k])}, {@code (K,)}, with gradient
     */
    protected static NDArray at(NDArray flat, long n, NDArray rows, NDArray cols) {
        return flat.get(rows.mul(n).add(cols));
    }
}
