package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.ContractivePenalty;
import org.selfsup4j.losses.SparsityPenalty;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.Reconstructor;
import org.selfsup4j.train.StepFunction;

/**
 * The autoencoder family trained by gradient steps (docs/components.md). Per step, on one view x of each image:
 * <pre>
 *   x̃ = corrupt(x)                         (denoising; x̃ = x without noise)
 *   h = f(x̃),   ℓ = g(h)                   (f: the network's {@link CodeEncoder}; g: a mirrored {@link CodeDecoder})
 *   L = (1/N) Σ_n L(x_n, ℓ_n)  +  λ_s Ω(h)  +  λ_c (1/N) Σ_n ||∂f(x̃_n)/∂x̃_n||²_F
 * </pre>
 * The reconstruction target is always the clean x. Ω is {@link SparsityPenalty#l1} or
 * {@link SparsityPenalty#kl}; the contractive term is {@link ContractivePenalty}'s closed form
 * {@code Σ_j s'(a_j)² ||W_j||²} for a one-layer encoder (for a sigmoid, {@code (h_j(1 − h_j))²}) and its exact
 * Jacobian chain otherwise. Noise comes from the stream
 * {@code noise/step-S}; the decoder is initialised from {@code init/decoder}. The probe evaluates h = f(x).
 */
public final class Autoencoder implements StepFunction, Reconstructor {
    private final AutoencoderMethodSpec spec;
    private final ReconstructionLoss recon;
    private final AeParts parts;
    private final MultiView views;
    private final SeedTree seeds;
    private final StagingBuffer staging = new StagingBuffer();

    /**
     * @param net the network, whose encoder is a {@link CodeEncoder}
     * @param spec the method spec
     * @param views the view maker (one view)
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape {@code (1, C, H, W)}
     */
    public Autoencoder(HypersphereNetwork net, AutoencoderMethodSpec spec, MultiView views, SeedTree seeds,
            NDManager root, Shape inputShape) {
        this.spec = spec;
        this.recon = spec.reconstructionLoss();
        this.views = views;
        this.seeds = seeds;
        this.parts = new AeParts(net, net.spec().encoder().featureDim(), seeds, root, inputShape);
    }

    /** @return the decoder */
    public CodeDecoder decoder() {
        return parts.decoder;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        NDArray images = staging.upload(scope, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        NDArray x = views.apply(images, seeds, step).singletonOrThrow();
        return objective(x, corrupt(x, seeds.stream("noise/step-" + step)), true);
    }

    /**
     * @param x {@code (N, C, H, W)} clean images
     * @param input the encoder's input (x or its corruption)
     * @param training whether gradients are recorded
     * @return the scalar objective L
     */
    public NDArray objective(NDArray x, NDArray input, boolean training) {
        CodeEncoder.Trace trace = parts.encoder.trace(parts.store, input, training);
        NDArray loss = recon.mean(parts.decode(trace.code(), training), x);
        if (!spec.sparsity().equals("none") && spec.sparsityWeight() > 0) {
            NDArray omega = spec.sparsity().equals("l1") ? SparsityPenalty.l1(trace.code())
                    : SparsityPenalty.kl(trace.code(), spec.sparsityTarget());
            loss = loss.add(Scalars.mul(omega, spec.sparsityWeight()));
        }
        if (spec.contractiveWeight() > 0) {
            loss = loss.add(Scalars.mul(contractive(trace), spec.contractiveWeight()));
        }
        return loss;
    }

    private NDArray contractive(CodeEncoder.Trace trace) {
        List<NDList> f = parts.encoder.jacobianFactors(trace);
        return f.get(0).size() == 1 ? ContractivePenalty.closedForm(f.get(1).get(0), f.get(0).get(0))
                : ContractivePenalty.jacobianChain(f.get(0), f.get(1));
    }

    /**
     * @param x {@code (N, C, H, W)} clean images
     * @param rng the noise stream
     * @return the corrupted input x̃ (x itself without noise)
     */
    public NDArray corrupt(NDArray x, SplittableRandom rng) {
        return switch (spec.noise()) {
            case "gaussian" -> x.add(Scalars.mul(DeviceRandom.normal(x.getManager(), x.getShape(), rng), spec.noiseLevel()));
            case "masking" -> x.mul(DeviceRandom.uniform(x.getManager(), x.getShape(), rng)
                    .gte(Scalars.of(x, spec.noiseLevel())).toType(x.getDataType(), false));
            default -> x;
        };
    }

    @Override
    public NDArray reconstruct(NDArray images) {
        return recon.reconstruct(parts.roundTrip(images));
    }

    @Override
    public List<Parameter> parameters(HypersphereNetwork net) {
        return parts.parameters();
    }

    @Override
    public List<Block> ownBlocks() {
        return List.of(parts.decoder);
    }

    /** {@code reconstructions.png}: per image the original, the encoder's input (denoising only) and g(f(·)). */
    @Override
    public Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray x = AeParts.copyInto(images, scope);
            if (spec.noise().equals("none")) {
                return Map.of(AeParts.RECONSTRUCTIONS, AeParts.grid(x, reconstruct(x)));
            }
            NDArray noisy = corrupt(x, seeds.stream("noise/figure"));
            NDArray out = recon.reconstruct(parts.roundTrip(noisy));
            return Map.of(AeParts.RECONSTRUCTIONS, AeParts.grid(x, noisy, out));
        }
    }
}
