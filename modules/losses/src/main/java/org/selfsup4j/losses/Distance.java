package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;

/**
 * A distance or similarity between embeddings. It knows which it is ({@link #isSimilarity()}), so a
 * loss or miner is written once over the <em>dissimilarity</em> {@code δ = d} for a distance and
 * {@code δ = −s} for a similarity: "closer" is always "smaller δ", and a margin {@code m} always means
 * {@code δ_an ≥ δ_ap + m}. The built-in members are {@link Distances}; a user may add their own
 * (e.g. a Mahalanobis distance {@code ||W(x−y)||}).
 */
public interface Distance {
    /**
     * @param x {@code (N, D)}
     * @param y {@code (M, D)}
     * @return the value for every pair, {@code (N, M)}
     */
    NDArray matrix(NDArray x, NDArray y);

    /**
     * @param x {@code (K, D)}
     * @param y {@code (K, D)}
     * @return the value for each row pair {@code (x_k, y_k)}, {@code (K,)}
     */
    NDArray paired(NDArray x, NDArray y);

    /** @return whether larger values mean closer (a similarity) */
    boolean isSimilarity();

    /** @return the recipe name, e.g. {@code euclidean} */
    String typeName();

    /**
     * @param values values of this distance
     * @return the dissimilarity {@code δ}: the values themselves, or their negation for a similarity
     */
    default NDArray dissimilarity(NDArray values) {
        return isSimilarity() ? values.neg() : values;
    }

    /**
     * @return {@code +1} for a distance, {@code −1} for a similarity (so {@code δ = sign · value})
     */
    default float sign() {
        return isSimilarity() ? -1f : 1f;
    }
}
