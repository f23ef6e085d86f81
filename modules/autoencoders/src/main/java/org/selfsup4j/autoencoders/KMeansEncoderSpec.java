package org.selfsup4j.autoencoders;

import ai.djl.nn.Block;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.EncoderSpec;

/**
 * k-means as an encoder ({@link KMeansEncoder}; docs/components.md): centroids {@code c_1 … c_k} on the
 * flattened image, fitted by {@code method: {type: kmeans}}. Output {@code (N, k)}.
 *
 * @param clusters k, default 256
 * @param encoding {@code hard} (default): the one-hot code of the nearest centroid, the encoder of the
 *     k-means autoencoder; or {@code triangle}: {@code h_j = max(0, mean_l(d_l) − d_j)} with
 *     {@code d_j = ||x − c_j||} (Coates, Lee &amp; Ng, AISTATS 2011), a soft code for probes
 */
@SpecType(value = "kmeans", doc = "k-means centroids as an encoder: one-hot nearest centroid, or the soft 'triangle' code")
public record KMeansEncoderSpec(int clusters, String encoding) implements EncoderSpec {
    /** Validates k and the encoding. */
    public KMeansEncoderSpec {
        Checks.atLeast("clusters", clusters, 2);
        Checks.oneOf("encoding", encoding, List.of("hard", "triangle"));
    }

    /** @return 256 clusters, hard codes */
    public static KMeansEncoderSpec defaults() {
        return new KMeansEncoderSpec(256, "hard");
    }

    @Override
    public Block build() {
        return new KMeansEncoder(clusters, encoding.equals("triangle"));
    }

    @Override
    public int featureDim() {
        return clusters;
    }
}
