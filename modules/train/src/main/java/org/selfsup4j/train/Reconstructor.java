package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selfsup4j.data.ImageSet;

/**
 * A method that maps images back to images (an autoencoder {@code g(f(x))}, PCA's projection, k-means'
 * nearest centroid). After training, {@link #evaluate} measures its reconstruction error on the test set
 * ({@link #testError}, in batches of 500) for {@code reconstruction.json}.
 */
public interface Reconstructor extends StepFunction {
    /** The file {@link #evaluate} fills. */
    String FILE = "reconstruction.json";

    @Override
    default Map<String, Map<String, Object>> evaluate(ImageSet test, NDManager root) {
        return Map.of(FILE, testError(this, test, root, 500));
    }

    /**
     * Reconstructs clean images deterministically (a VAE decodes its mean code), without recording
     * gradients.
     *
     * @param images {@code (N, C, H, W)} in [0, 1]
     * @return {@code (N, C, H, W)} in pixel space, attached to the images' manager
     */
    NDArray reconstruct(NDArray images);

    /**
     * The mean squared error per pixel, {@code (1/(N·D)) Σ_n ||x_n − x̂_n||²}, and the mean per image
     * {@code (1/N) Σ_n ||x_n − x̂_n||²}, over a whole image set in batches.
     *
     * @param method the method
     * @param images the images (the test set)
     * @param root a manager on the method's device
     * @param batchSize images per batch
     * @return {@code mse_per_pixel}, {@code sse_per_image} and {@code images}
     */
    static Map<String, Object> testError(Reconstructor method, ImageSet images, NDManager root, int batchSize) {
        double sum = 0;
        int size = images.imageSize();
        for (int start = 0; start < images.size(); start += batchSize) {
            int n = Math.min(batchSize, images.size() - start);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = start + i;
            }
            float[] buf = new float[n * size];
            images.fill(idx, buf);
            try (NDManager scope = root.newSubManager()) {
                NDArray x = scope.create(buf, new Shape(n, images.channels(), images.height(), images.width()));
                sum += method.reconstruct(x).sub(x).square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                        .getDouble();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mse_per_pixel", sum / ((double) images.size() * size));
        out.put("sse_per_image", sum / images.size());
        out.put("images", images.size());
        return out;
    }
}
