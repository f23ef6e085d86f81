package org.selfsup4j.autoencoders;

import java.util.OptionalLong;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.selfsup4j.core.Checks;
import org.selfsup4j.stats.KMeans;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.MetricsLog;
import org.selfsup4j.train.Reconstructor;
import org.selfsup4j.train.StepFunction;

/**
 * k-means as an autoencoder: fits {@link KMeans} on the training images and writes the centroids into the
 * network's {@link KMeansEncoder}. The reconstruction of x is its nearest centroid. Each Lloyd iteration
 * is logged as a {@code fit} event with {@code objective} (J per image) and {@code iteration}. Figures:
 * {@code reconstructions.png} and {@code centroids.png} (the first 64).
 */
public final class KMeansFit implements StepFunction, Reconstructor {
    /** The centroids' figure. */
    public static final String CENTROIDS = "centroids.png";
    private static final int SHOWN = 64;

    private final KMeansMethodSpec spec;
    private final KMeansEncoder encoder;
    private final Shape image;
    private KMeans.Result result;

    /**
     * @param net the network, whose encoder is a {@link KMeansEncoder}
     * @param spec the method spec
     * @param inputShape {@code (1, C, H, W)}
     */
    public KMeansFit(HypersphereNetwork net, KMeansMethodSpec spec, Shape inputShape) {
        this.spec = spec;
        this.encoder = (KMeansEncoder) net.encoder();
        this.image = inputShape.slice(1);
    }

    /** @return the fit, or {@code null} before {@link #fit} */
    public KMeans.Result result() {
        return result;
    }

    @Override
    public OptionalLong fit(ImageSet train, NDManager root, SeedTree seeds, MetricsLog log, PrintStream progress) {
        int k = (int) encoder.centroids().getArray().getShape().get(0);
        Checks.require(k <= train.size(), "model.encoder.clusters", "", "at most the training images (" + train.size() + ")", k);
        try (NDManager scope = root.newSubManager()) {
            NDArray x = AeParts.flatImages(train, scope, DataType.FLOAT64);
            result = KMeans.fit(x, k, spec.maxIterations(), spec.tolerance(), seeds.stream("kmeans/init"), (j, it) -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("iteration", it);
                fields.put("objective", j / train.size());
                log.event("fit", it, fields);
                progress.printf(Locale.ROOT, "kmeans: iteration %d, objective %.4f per image%n", it, j / train.size());
            });
        }
        KMeans.write(encoder.centroids().getArray(), result.centroids());
        return OptionalLong.of(result.objectives().size());
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        throw new IllegalStateException("k-means is fitted by Lloyd iterations, not by gradient steps");
    }

    @Override
    public NDArray reconstruct(NDArray images) {
        NDArray c = encoder.centroids().getArray().get(encoder.nearest(images));
        c.attach(images.getManager());
        return c.reshape(images.getShape());
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        return List.of();
    }

    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = AeParts.copyInto(images, scope);
            NDArray c = encoder.centroids().getArray().duplicate();
            c.attach(scope);
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put(AeParts.RECONSTRUCTIONS, AeParts.grid(x, reconstruct(x)));
            out.put(CENTROIDS, AeParts.tiles(c, image, SHOWN));
            return out;
        }
    }
}
