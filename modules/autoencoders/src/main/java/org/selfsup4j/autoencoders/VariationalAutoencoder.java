package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.GaussianKl;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.Reconstructor;
import org.selfsup4j.train.StepFunction;

/**
 * The variational autoencoder (Kingma &amp; Welling, ICLR 2014) and β-VAE (Higgins et al., ICLR 2017). Per
 * step, on one view x of each image:
 * <pre>
 *   t = trunk(x),  μ = W_μ t + b_μ  (the network's code layer),  log σ² = W_v t + b_v  (the method's own layer)
 *   z = μ + exp(½ log σ²) ⊙ ε,   ε ~ N(0, I)  from the stream vae/step-S  (reparameterisation)
 *   L = (1/N) Σ_n [ −log p(x_n | z_n) + β · KL(N(μ_n, σ_n²) || N(0, I)) ]
 * </pre>
 * with the closed-form KL ({@link GaussianKl}) and {@code −log p(x|z)} the cross-entropy of a Bernoulli
 * decoder or {@code ||x − σ(ℓ)||²/(2s²) + D·log(s√(2π))} of a Gaussian one with fixed deviation s. With
 * β = 1, {@code −L} is the evidence lower bound (ELBO) in nats per image. The probe evaluates μ.
 * Figures: {@code reconstructions.png} (decoded μ), {@code samples.png} (64 decodes of z ~ N(0, I)) and
 * {@code traversals.png} (the 8 dimensions with the largest mean KL, each swept over [−r, r] about μ).
 */
public final class VariationalAutoencoder implements StepFunction, Reconstructor {
    /** Prior samples' figure. */
    public static final String SAMPLES = "samples.png";
    /** Latent traversals' figure. */
    public static final String TRAVERSALS = "traversals.png";
    private static final int GRID = 8;
    private static final int STEPS = 9;

    private final VaeMethodSpec spec;
    private final AeParts parts;
    private final Linear logVar;
    private final ReconstructionLoss bernoulli = new ReconstructionLoss("bce", "sigmoid");
    private final ReconstructionLoss gaussian = new ReconstructionLoss("mse", "sigmoid");
    private final MultiView views;
    private final SeedTree seeds;
    private final StagingBuffer staging = new StagingBuffer();
    private final int q;

    /**
     * @param net the network, whose encoder is a {@link CodeEncoder} with an identity code
     * @param spec the method spec
     * @param views the view maker (one view)
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    public VariationalAutoencoder(HypersphereNetwork net, VaeMethodSpec spec, MultiView views, SeedTree seeds,
            NDManager root, Shape inputShape) {
        this.spec = spec;
        this.views = views;
        this.seeds = seeds;
        this.q = net.spec().encoder().featureDim();
        this.parts = new AeParts(net, q, seeds, root, inputShape);
        this.logVar = Linear.builder().setUnits(q).build();
        DeviceRandom.seedEngine(root, seeds.seed("init/vae-logvar"));
        logVar.initialize(root, DataType.FLOAT32, parts.encoder.trunkShape(inputShape));
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        NDArray images = staging.upload(scope, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        NDArray x = views.apply(images, seeds, step).singletonOrThrow();
        NDList terms = terms(x, seeds.stream("vae/step-" + step), true);
        return terms.get(0).add(Scalars.mul(terms.get(1), spec.beta())).mean();
    }

    /**
     * One Monte-Carlo sample of the bound's two terms per image.
     *
     * @param x {@code (N, C, H, W)} images
     * @param rng the stream ε is drawn from
     * @param training whether gradients are recorded
     * @return {@code (N)} the negative log-likelihood {@code −log p(x|z)}, and {@code (N)} the KL
     */
    public NDList terms(NDArray x, SplittableRandom rng, boolean training) {
        CodeEncoder.Trace trace = parts.encoder.trace(parts.store, x, training);
        NDArray mu = trace.code();
        NDArray lv = logVar.forward(parts.store, new NDList(trace.trunk()), training).singletonOrThrow();
        NDArray eps = DeviceRandom.normal(x.getManager(), mu.getShape(), rng);
        NDArray z = mu.add(Scalars.mul(lv, 0.5).exp().mul(eps));
        return new NDList(negLogLikelihood(parts.decode(z, training), x), GaussianKl.perSample(mu, lv));
    }

    /**
     * @param x {@code (N, C, H, W)}
     * @param rng the stream ε is drawn from
     * @return the mean ELBO over the batch, {@code (1/N) Σ_n [log p(x_n|z_n) − KL_n]}, one sample per image
     */
    public double elbo(NDArray x, SplittableRandom rng) {
        NDList t = terms(x, rng, false);
        return -t.get(0).add(t.get(1)).mean().getFloat();
    }

    private NDArray negLogLikelihood(NDArray logits, NDArray x) {
        if (spec.likelihood().equals("bernoulli")) {
            return bernoulli.perImage(logits, x);
        }
        double s = spec.sigma();
        double d = x.getShape().size() / x.getShape().get(0);
        return Scalars.mul(gaussian.perImage(logits, x), 1 / (2 * s * s)).add(Scalars.of(x, d * Math.log(s * Math.sqrt(2 * Math.PI))));
    }

    @Override
    public NDArray reconstruct(NDArray images) {
        return bernoulli.reconstruct(parts.roundTrip(images));
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        return parts.parameters(logVar);
    }

    @Override
    public List<Block> ownBlocks() {
        return List.of(parts.decoder, logVar);
    }

    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = AeParts.copyInto(images, scope);
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put(AeParts.RECONSTRUCTIONS, AeParts.grid(x, reconstruct(x)));
            NDArray z = DeviceRandom.normal(scope, new Shape(GRID * GRID, q), seeds.stream("vae/samples"));
            NDArray samples = bernoulli.reconstruct(parts.decode(z, false));
            out.put(SAMPLES, AeParts.grid(rows(samples, 0), columns(samples, 1, GRID)));
            out.put(TRAVERSALS, traversals(x));
            return out;
        }
    }

    /** Rows: the dimensions with the largest mean KL over the sample; columns: μ_k + [−r, r] in 9 steps. */
    private byte[] traversals(NDArray x) {
        CodeEncoder.Trace trace = parts.encoder.trace(parts.store, x, false);
        NDArray mu = trace.code();
        NDArray lv = logVar.forward(parts.store, new NDList(trace.trunk()), false).singletonOrThrow();
        NDArray klPerDim = Scalars.mul(Scalars.of(lv, 1).add(lv).sub(mu.square()).sub(lv.exp()), -0.5).mean(new int[] {0});
        int[] order = klPerDim.argSort(0, false).toType(DataType.INT32, false).toIntArray();
        int rows = Math.min(GRID, q);
        float[] base = mu.get(new NDIndex("0:1")).toFloatArray();
        float[] codes = new float[rows * STEPS * q];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < STEPS; s++) {
                int off = (r * STEPS + s) * q;
                System.arraycopy(base, 0, codes, off, q);
                codes[off + order[r]] += (float) (spec.traversalRange() * (2.0 * s / (STEPS - 1) - 1));
            }
        }
        NDArray decoded = bernoulli.reconstruct(parts.decode(x.getManager().create(codes, new Shape(rows * STEPS, q)), false))
                .reshape(new Shape(rows, STEPS).addAll(x.getShape().slice(1)));
        NDArray[] cols = new NDArray[STEPS - 1];
        for (int s = 1; s < STEPS; s++) {
            cols[s - 1] = decoded.get(new NDIndex(":, " + s));
        }
        return AeParts.grid(decoded.get(new NDIndex(":, 0")), cols);
    }

    private static NDArray rows(NDArray samples, int column) {
        return samples.get(new NDIndex(column * GRID + ":" + (column + 1) * GRID));
    }

    private static NDArray[] columns(NDArray samples, int from, int to) {
        NDArray[] out = new NDArray[to - from];
        for (int c = from; c < to; c++) {
            out[c - from] = rows(samples, c);
        }
        return out;
    }
}
