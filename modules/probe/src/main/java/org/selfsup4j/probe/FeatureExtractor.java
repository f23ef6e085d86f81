package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.selfsup4j.core.StagingBuffer;
import org.selfsup4j.core.StopSignal;
import org.selfsup4j.data.ImageSet;

/**
 * Extracts frozen features {@code f(x)} in inference mode (BatchNorm uses its running statistics, no
 * gradients, no augmentation), batch by batch, each batch in its own NDManager scope.
 */
public final class FeatureExtractor {
    private FeatureExtractor() {}

    /**
     * @param encoder the backbone f (already initialised / loaded)
     * @param featureDim its output dimension
     * @param images the images
     * @param manager the model's manager (its device is used)
     * @param batchSize images per forward pass
     * @return the {@code (N, featureDim)} features with the images' labels
     */
    public static Features extract(Block encoder, int featureDim, ImageSet images, NDManager manager, int batchSize) {
        return extract(encoder, featureDim, images, manager, batchSize, UnaryOperator.identity());
    }

    /**
     * Extracts features of inputs passed through a transform first: the normalisation the encoder was
     * trained with for the probe's features (never a random augmentation), or the evaluation augmentation
     * for the alignment's positive pairs.
     *
     * @param encoder the backbone f (already initialised / loaded)
     * @param featureDim its output dimension
     * @param images the images
     * @param manager the model's manager (its device is used)
     * @param batchSize images per forward pass
     * @param transform applied to each {@code (B, C, H, W)} batch in [0, 1] before the encoder
     * @return the {@code (N, featureDim)} features with the images' labels
     */
    public static Features extract(Block encoder, int featureDim, ImageSet images, NDManager manager, int batchSize,
            UnaryOperator<NDArray> transform) {
        int n = images.size();
        float[] out = new float[n * featureDim];
        ParameterStore store = new ParameterStore(manager, false);
        float[] buf = new float[batchSize * images.imageSize()];
        StagingBuffer staging = new StagingBuffer();
        for (int start = 0; start < n; start += batchSize) {
            StopSignal.check();
            int len = Math.min(batchSize, n - start);
            int[] idx = new int[len];
            for (int i = 0; i < len; i++) {
                idx[i] = start + i;
            }
            images.fill(idx, buf);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = transform.apply(staging.upload(scope, buf,
                        new Shape(len, images.channels(), images.height(), images.width())));
                NDArray f = encoder.forward(store, new NDList(x), false).singletonOrThrow();
                float[] values = f.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(values, 0, out, start * featureDim, len * featureDim);
            }
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = images.label(i);
        }
        return new Features(out, n, featureDim, labels, images.numClasses());
    }
}
