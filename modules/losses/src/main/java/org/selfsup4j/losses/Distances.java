package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SelfsupException;

/**
 * The built-in distances (recipe names in brackets), for rows {@code x, y ∈ ℝ^D}:
 * <ul>
 *   <li>{@code COSINE} [cosine]: similarity {@code x·y / (||x|| ||y||)} (norms clamped at 1e-12);
 *   <li>{@code DOT} [dot]: similarity {@code x·y};
 *   <li>{@code EUCLIDEAN} [euclidean]: distance {@code ||x − y||₂}, computed as
 *       {@code sqrt(max(||x||² + ||y||² − 2x·y, 1e-12))} so that its gradient at {@code x = y} is 0,
 *       not NaN;
 *   <li>{@code SQUARED_EUCLIDEAN} [squared_euclidean]: distance {@code ||x − y||₂²}.
 * </ul>
 * On unit vectors {@code ||x − y||² = 2 − 2 x·y}, so all four order pairs the same way.
 */
public enum Distances implements Distance {
    /** Cosine similarity. */
    COSINE("cosine", true),
    /** Dot-product similarity. */
    DOT("dot", true),
    /** Euclidean distance. */
    EUCLIDEAN("euclidean", false),
    /** Squared Euclidean distance. */
    SQUARED_EUCLIDEAN("squared_euclidean", false);

    private static final float EPS = 1e-12f;
    private final String recipeName;
    private final boolean similarity;

    Distances(String recipeName, boolean similarity) {
        this.recipeName = recipeName;
        this.similarity = similarity;
    }

    /** @return the recipe names */
    public static List<String> names() {
        return Arrays.stream(values()).map(Distances::typeName).toList();
    }

    /**
     * @param where the recipe key, for the error
     * @param name a recipe name
     * @return the distance
     */
    public static Distances parse(String where, String name) {
        for (Distances d : values()) {
            if (d.recipeName.equals(name)) {
                return d;
            }
        }
        throw SelfsupException.of(where, "", "one of " + names(), "'" + name + "'", null);
    }

    @Override
    public NDArray matrix(NDArray x, NDArray y) {
        return switch (this) {
            case COSINE -> normalize(x).matMul(normalize(y).transpose());
            case DOT -> x.matMul(y.transpose());
            case EUCLIDEAN -> Scalars.maximum(squaredMatrix(x, y), EPS).sqrt();
            case SQUARED_EUCLIDEAN -> squaredMatrix(x, y);
        };
    }

    @Override
    public NDArray paired(NDArray x, NDArray y) {
        return switch (this) {
            case COSINE -> normalize(x).mul(normalize(y)).sum(new int[] {1});
            case DOT -> x.mul(y).sum(new int[] {1});
            case EUCLIDEAN -> Scalars.maximum(x.sub(y).square().sum(new int[] {1}), EPS).sqrt();
            case SQUARED_EUCLIDEAN -> x.sub(y).square().sum(new int[] {1});
        };
    }

    @Override
    public boolean isSimilarity() {
        return similarity;
    }

    @Override
    public String typeName() {
        return recipeName;
    }

    /** @return the recipe name */
    @Override
    public String toString() {
        return recipeName;
    }

    private static NDArray normalize(NDArray x) {
        return normalize(x, 1);
    }

    /**
     * @param x any array
     * @param axis the axis of the vectors
     * @return {@code x / max(||x||, 1e-12)} along {@code axis}
     */
    static NDArray normalize(NDArray x, int axis) {
        return x.div(Scalars.maximum(x.norm(new int[] {axis}, true), EPS));
    }

    private static NDArray squaredMatrix(NDArray x, NDArray y) {
        NDArray xx = x.square().sum(new int[] {1}, true);
        NDArray yy = y.square().sum(new int[] {1}, true).transpose();
        return Scalars.maximum(xx.add(yy).sub(Scalars.mul(x.matMul(y.transpose()), 2)), 0);
    }
}
