package org.selfsup4j.autoencoders;

import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.encoders.EncoderSpec;
import java.util.Set;
import java.util.List;
import java.util.EnumSet;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.StepFunction;

/**
 * Recipe spec of {@link PcaFit} ({@code type: pca}): principal component analysis as a linear
 * encoder/decoder, fitted in closed form on the training images. Needs the linear encoder
 * {@code {type: ae_mlp, widths: [], code: q, code_activation: identity}} and {@code augment: {preset: none}};
 * the {@code loss}, {@code optimizer} and {@code train} sections are not used.
 *
 * @param whiten whether codes are scaled to unit variance ({@code h_j = v_jᵀ(x − μ)/√λ_j}), default false
 */
@SpecType(value = "pca", doc = "principal component analysis (Commons Math eigen decomposition) as a linear encoder/decoder")
public record PcaMethodSpec(boolean whiten) implements MethodSpec {
    /** @return no whitening */
    public static PcaMethodSpec defaults() {
        return new PcaMethodSpec(false);
    }

    @Override
    public Set<RecipeSection> reads() {
        return EnumSet.noneOf(RecipeSection.class);
    }

    @Override
    public String unread(RecipeSection section) {
        return "PCA is fitted in closed form on the images as they are: no views, no loss, no head, no optimizer";
    }

    @Override
    public List<Class<? extends EncoderSpec>> encoders() {
        return List.of(AeMlpSpec.class);
    }

    @Override
    public void validate(LossSpec loss, int views) {}

    @Override
    public void validateModel(ModelSpec model) {
        requireLinear(model, "pca");
    }

    /**
     * @param model the model section
     * @param method the method's name
     */
    static void requireLinear(ModelSpec model, String method) {
        if (!(model.encoder() instanceof AeMlpSpec m) || !m.widths().isEmpty() || !m.codeActivation().equals("identity")) {
            throw SelfsupException.of("model.encoder", "", "{type: ae_mlp, widths: [], code_activation: identity} for method '"
                    + method + "'", "another encoder", "the method's encoder is linear");
        }
    }

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        return new PcaFit(net, this, seeds, root, inputShape);
    }
}
