package org.selfsup4j.autoencoders;





import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.StepFunction;

/**
 * Recipe spec of {@link PredictiveSparseDecomposition} ({@code type: psd}; Kavukcuoglu, Ranzato &amp;
 * LeCun, 2008). The encoder ({@code ae_mlp} or {@code ae_conv}; the paper's is one tanh layer) is the fast
 * predictor of the sparse code; the dictionary has as many atoms as the encoder's code dimension. One
 * view; the {@code loss} section and {@code model.head} are not used.
 *
 * @param sparsityWeight λ, the code's L1 weight, default 0.5
 * @param predictionWeight γ, the weight of {@code ||z − f(x)||²}, default 1
 * @param istaSteps iterations of ISTA inferring z per batch (warm-started at f(x)), default 30
 */
@SpecType(value = "psd", doc = "predictive sparse decomposition: ISTA sparse codes, a dictionary, and an encoder trained to predict them")
public record PsdMethodSpec(double sparsityWeight, double predictionWeight, int istaSteps) implements AutoencoderFamily {
    /** Validates every field. */
    public PsdMethodSpec {
        Checks.positive("sparsity_weight", sparsityWeight);
        Checks.positive("prediction_weight", predictionWeight);
        Checks.atLeast("ista_steps", istaSteps, 1);
    }

    /** @return λ = 0.5, γ = 1, 30 ISTA steps */
    public static PsdMethodSpec defaults() {
        return new PsdMethodSpec(0.5, 1, 30);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        AutoencoderMethodSpec.requireOneView(views, "psd");
    }

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        return new PredictiveSparseDecomposition(net, this, views, seeds, root, inputShape);
    }
}
