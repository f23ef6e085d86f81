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
 * Recipe spec of {@link VariationalAutoencoder} ({@code type: vae}): the VAE (Kingma &amp; Welling, ICLR
 * 2014) and, with β &gt; 1, the β-VAE (Higgins et al., ICLR 2017). The encoder ({@code ae_mlp} or
 * {@code ae_conv} with {@code code_activation: identity}) gives μ; the method adds a log σ² layer on the
 * same trunk. One view; the {@code loss} section and {@code model.head} are not used.
 *
 * @param beta β, the KL weight; 1 (default) is the ELBO
 * @param likelihood the decoder p(x|z): {@code bernoulli} (default; cross-entropy) or {@code gaussian}
 *     with fixed deviation σ
 * @param sigma σ of the gaussian decoder, default 0.1
 * @param traversalRange the latent traversal figure spans {@code [−r, r]} around μ, default 3
 */
@SpecType(value = "vae", doc = "variational autoencoder (beta-VAE with beta > 1): reparameterised Gaussian code, closed-form KL")
public record VaeMethodSpec(double beta, String likelihood, double sigma, double traversalRange) implements AutoencoderFamily {
    /** Validates every field. */
    public VaeMethodSpec {
        Checks.nonNegative("beta", beta);
        Checks.oneOf("likelihood", likelihood, List.of("bernoulli", "gaussian"));
        Checks.positive("sigma", sigma);
        Checks.positive("traversal_range", traversalRange);
    }

    /** @return β = 1, a Bernoulli decoder, traversals over [−3, 3] */
    public static VaeMethodSpec defaults() {
        return new VaeMethodSpec(1, "bernoulli", 0.1, 3);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        AutoencoderMethodSpec.requireOneView(views, "vae");
    }

    @Override
    public void validateModel(ModelSpec model) {
        String act = AeParts.codeActivation(model);
        if (!act.equals("identity")) {
            throw SelfsupException.of("model.encoder.code_activation", "", "identity for method 'vae'", "'" + act + "'",
                    "the code layer is the Gaussian mean μ, which is unbounded");
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
        return new VariationalAutoencoder(net, this, views, seeds, root, inputShape);
    }
}
