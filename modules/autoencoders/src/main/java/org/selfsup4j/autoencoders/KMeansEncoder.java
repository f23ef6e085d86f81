package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.selfsup4j.stats.KMeans;
import org.selfsup4j.core.Scalars;

/**
 * The k-means encoder: {@code (N, C, H, W) → (N, k)} from the squared distances
 * {@code d²_j = ||x||² − 2xᵀc_j + ||c_j||²} to the centroids (a {@code (k, C·H·W)} parameter that
 * {@link KMeansFit} sets, not trained by gradients). Hard: the one-hot code of {@code argmin_j d_j};
 * triangle: {@code max(0, mean_l(d_l) − d_j)}. {@link #nearest} gives the assignments.
 */
public final class KMeansEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Parameter centroids;
    private final int k;
    private final boolean triangle;

    /**
     * @param k the number of centroids
     * @param triangle whether the code is the triangle code (else one-hot)
     */
    public KMeansEncoder(int k, boolean triangle) {
        super(VERSION);
        this.k = k;
        this.triangle = triangle;
        this.centroids = addParameter(Parameter.builder().setName("centroids").setType(Parameter.Type.WEIGHT)
                .optRequiresGrad(false).optInitializer(new ConstantInitializer(0)).build());
    }

    /** @return the centroids' parameter, {@code (k, C·H·W)} */
    public Parameter centroids() {
        return centroids;
    }

    /**
     * @param images {@code (N, C, H, W)}
     * @return {@code (N)} int64 index of the nearest centroid
     */
    public NDArray nearest(NDArray images) {
        return KMeans.squaredDistances(images.reshape(images.getShape().get(0), -1), centroids.getArray()).argMin(1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray c = ps.getValue(centroids, x.getDevice(), false);
        NDArray d2 = KMeans.squaredDistances(x.reshape(x.getShape().get(0), -1), c);
        if (!triangle) {
            return new NDList(d2.argMin(1).oneHot(k).toType(x.getDataType(), false));
        }
        NDArray d = d2.sqrt();
        return new NDList(Scalars.maximum(d.mean(new int[] {1}, true).sub(d), 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), k)};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        centroids.setShape(new Shape(k, inputShapes[0].size() / inputShapes[0].get(0)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
}
