package org.selfsup4j.autoencoders;

import java.util.OptionalLong;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.MetricsLog;
import org.selfsup4j.train.Reconstructor;
import org.selfsup4j.train.StepFunction;

/**
 * PCA as an autoencoder (docs/components.md: a linear AE with MSE spans the same subspace). Fits {@link Pca} on
 * the training images and writes it into the network's linear encoder, {@code h = Vᵀ(x − μ)} (or
 * {@code Λ^{−½}Vᵀ(x − μ)} whitened), and into a linear decoder {@code x̂ = V h + μ} (or {@code VΛ^{½}h + μ}),
 * so probes, exports and checkpoints treat it as any run. Logs one {@code fit} event with the explained
 * variance. Figures: {@code reconstructions.png} and {@code components.png} (the first 64 components).
 */
public final class PcaFit implements StepFunction, Reconstructor {
    /** The components' figure. */
    public static final String COMPONENTS = "components.png";
    private static final int SHOWN = 64;

    private final PcaMethodSpec spec;
    private final AeParts parts;
    private final Shape image;
    private Pca.Result result;

    /**
     * @param net the network, whose encoder is a linear {@link CodeEncoder}
     * @param spec the method spec
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    public PcaFit(HypersphereNetwork net, PcaMethodSpec spec, SeedTree seeds, NDManager root, Shape inputShape) {
        this.spec = spec;
        this.image = inputShape.slice(1);
        this.parts = new AeParts(net, net.spec().encoder().featureDim(), seeds, root, inputShape);
    }

    /** @return the linear decoder {@code x̂ = V h + μ} */
    public CodeDecoder decoder() {
        return parts.decoder;
    }

    /** @return the fit, or {@code null} before {@link #fit} */
    public Pca.Result result() {
        return result;
    }

    @Override
    public OptionalLong fit(ImageSet train, NDManager root, SeedTree seeds, MetricsLog log, PrintStream progress) {
        try (NDManager scope = root.newSubManager()) {
            result = Pca.fit(AeParts.flatImages(train, scope, DataType.FLOAT32), parts.encoder.codeDim());
        }
        int q = result.variances().length;
        int d = result.mean().length;
        float[] enc = new float[q * d];
        float[] dec = new float[d * q];
        float[] encBias = new float[q];
        for (int j = 0; j < q; j++) {
            double s = spec.whiten() ? Math.sqrt(Math.max(result.variances()[j], 1e-12)) : 1;
            double dot = 0;
            for (int i = 0; i < d; i++) {
                double v = result.components()[j][i];
                enc[j * d + i] = (float) (v / s);
                dec[i * q + j] = (float) (v * s);
                dot += v * result.mean()[i];
            }
            encBias[j] = (float) (-dot / s);
        }
        float[] mean = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) result.mean()[i];
        }
        ArrayIO.overwrite(parts.encoder.codeWeight().getArray(), enc);
        ArrayIO.overwrite(parts.encoder.codeBias().getArray(), encBias);
        ArrayIO.overwrite(parts.decoder.outWeight().getArray(), dec);
        ArrayIO.overwrite(parts.decoder.outBias().getArray(), mean);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("components", q);
        fields.put("explained_variance_ratio", result.explainedRatio());
        fields.put("top_variances", Arrays.copyOf(result.variances(), Math.min(10, q)));
        log.event("fit", 1, fields);
        progress.printf(Locale.ROOT, "pca: %d components keep %.2f %% of the variance%n", q, 100 * result.explainedRatio());
        return OptionalLong.of(1);
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        throw new IllegalStateException("PCA is fitted in closed form, not by gradient steps");
    }

    @Override
    public NDArray reconstruct(NDArray images) {
        return parts.roundTrip(images);
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        return parts.parameters();
    }

    @Override
    public List<Block> ownBlocks() {
        return List.of(parts.decoder);
    }

    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = AeParts.copyInto(images, scope);
            NDArray w = parts.encoder.codeWeight().getArray().duplicate();
            w.attach(scope);
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put(AeParts.RECONSTRUCTIONS, AeParts.grid(x, reconstruct(x)));
            out.put(COMPONENTS, AeParts.tiles(w, image, SHOWN));
            return out;
        }
    }
}
