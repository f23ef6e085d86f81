package org.selfsup4j.autoencoders;





import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.StepFunction;

/**
 * Recipe spec of {@link Autoencoder} ({@code type: autoencoder}): the undercomplete, denoising, sparse and
 * contractive autoencoders (docs/components.md), which differ only in these fields and combine freely. Needs an
 * {@code ae_mlp} or {@code ae_conv} encoder and one view ({@code augment: {preset: none}} for the
 * classical, unaugmented setting); the {@code loss} section and {@code model.head} are not used.
 *
 * @param reconstruction {@code bce} (default; inputs in [0, 1]) or {@code mse}
 * @param output the decoder's output activation: {@code sigmoid} (default) or {@code linear}
 * @param noise the corruption of the denoising AE (Vincent et al., ICML 2008): {@code none} (default),
 *     {@code gaussian} ({@code x̃ = x + σε}) or {@code masking} (each pixel zeroed with probability p)
 * @param noiseLevel σ for gaussian, p for masking; default 0.3
 * @param sparsity the sparse AE's penalty Ω(h): {@code none} (default), {@code l1} or {@code kl}
 *     (needs {@code code_activation: sigmoid})
 * @param sparsityWeight λ, the penalty's weight, default 1e-3
 * @param sparsityTarget ρ of the {@code kl} penalty, default 0.05
 * @param contractiveWeight λ of the contractive AE's {@code ||∂f/∂x||²_F} (Rifai et al., ICML 2011;
 *     needs {@code ae_mlp}), default 0 (off)
 */
@SpecType(value = "autoencoder", doc = "autoencoder: undercomplete, denoising, sparse (l1 / kl) and contractive")
public record AutoencoderMethodSpec(String reconstruction, String output, String noise, double noiseLevel, String sparsity,
        double sparsityWeight, double sparsityTarget, double contractiveWeight) implements AutoencoderFamily {
    /** Validates every field. */
    public AutoencoderMethodSpec {
        new ReconstructionLoss(reconstruction, output);
        Checks.oneOf("noise", noise, List.of("none", "gaussian", "masking"));
        Checks.nonNegative("noise_level", noiseLevel);
        if (noise.equals("masking")) {
            Checks.require(noiseLevel < 1, "noise_level", "", "< 1 for masking noise", noiseLevel);
        }
        Checks.oneOf("sparsity", sparsity, List.of("none", "l1", "kl"));
        Checks.nonNegative("sparsity_weight", sparsityWeight);
        Checks.require(sparsityTarget > 0 && sparsityTarget < 1, "sparsity_target", "", "in (0, 1)", sparsityTarget);
        Checks.nonNegative("contractive_weight", contractiveWeight);
    }

    /** @return a plain undercomplete AE: BCE through a sigmoid, no noise, no penalty */
    public static AutoencoderMethodSpec defaults() {
        return new AutoencoderMethodSpec("bce", "sigmoid", "none", 0.3, "none", 1e-3, 0.05, 0);
    }

    /** @return the reconstruction cost */
    public ReconstructionLoss reconstructionLoss() {
        return new ReconstructionLoss(reconstruction, output);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        requireOneView(views, "autoencoder");
    }

    /**
     * @param views the augment section's view count
     * @param method the method's name
     */
    static void requireOneView(int views, String method) {
        if (views != 1) {
            throw SelfsupException.of("augment.views", "", "1 for method '" + method + "'", views,
                    "use augment: {preset: none}");
        }
    }

    @Override
    public void validateModel(ModelSpec model) {
        if (contractiveWeight > 0 && !(model.encoder() instanceof AeMlpSpec)) {
            throw SelfsupException.of("model.encoder.type", "", "ae_mlp with contractive_weight > 0", "'ae_conv'",
                    "the contractive penalty is written for dense encoders");
        }
        if (sparsity.equals("kl")) {
            String act = AeParts.codeActivation(model);
            if (!act.equals("sigmoid")) {
                throw SelfsupException.of("model.encoder.code_activation", "", "sigmoid with sparsity kl",
                        "'" + act + "'", "the KL penalty compares mean activations in (0, 1) with ρ");
            }
        }
    }

    @Override
    public void validateInput(ModelSpec model, Shape inputShape) {
        checkModel(model);
        AeParts.requireDivisible(model, inputShape);
    }

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        return new Autoencoder(net, this, views, seeds, root, inputShape);
    }
}
