package org.selfsup4j.mae;

import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.encoders.EncoderSpec;
import java.util.Set;
import java.util.List;
import java.util.EnumSet;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.VitSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.StepFunction;

/**
 * Recipe spec of {@link MaskedAutoencoder}: masked-autoencoder pretraining (He et al., CVPR 2022). Needs
 * a {@code vit} encoder and one view (the {@code mae} preset: crop and flip); the recipe's {@code loss}
 * section and {@code model.head} are not used (the loss is fixed; the head is saved untrained). Pair
 * it with {@code optimizer.type: adamw}. Random batches without replacement.
 *
 * @param maskRatio the share r of patches hidden per image, default 0.75 (the paper's)
 * @param normPixLoss whether the target is each patch's pixels normalised by the patch's own mean and
 *     standard deviation, default true (the paper's better setting)
 * @param decoderDepth decoder transformer layers, default 2
 * @param decoderWidth decoder token width, default 128
 * @param decoderHeads decoder attention heads (dividing the width), default 4
 * @param decoderMlpRatio the decoder MLP's hidden width as a multiple of its width, default 4
 */
@SpecType(value = "mae", doc = "masked autoencoder: a ViT encodes the visible patches, a light decoder predicts the hidden ones")
public record MaeMethodSpec(double maskRatio, boolean normPixLoss, int decoderDepth, int decoderWidth, int decoderHeads,
        int decoderMlpRatio) implements MethodSpec {
    /** Validates every field. */
    public MaeMethodSpec {
        Checks.require(maskRatio > 0 && maskRatio < 1, "mask_ratio", "", "in (0, 1)", maskRatio);
        Checks.atLeast("decoder_depth", decoderDepth, 1);
        Checks.atLeast("decoder_width", decoderWidth, 1);
        Checks.atLeast("decoder_heads", decoderHeads, 1);
        Checks.atLeast("decoder_mlp_ratio", decoderMlpRatio, 1);
        if (decoderWidth % decoderHeads != 0) {
            throw SelfsupException.of("decoder_width", "", "a multiple of decoder_heads (" + decoderHeads + ")",
                    decoderWidth, null);
        }
    }

    /** @return mask ratio 0.75, per-patch normalised targets, a 2-layer decoder of width 128 with 4 heads */
    public static MaeMethodSpec defaults() {
        return new MaeMethodSpec(0.75, true, 2, 128, 4, 4);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        if (views != 1) {
            throw SelfsupException.of("augment.views", "", "1 for method 'mae'", views, "use augment: {preset: mae}");
        }
    }

    @Override
    public Set<RecipeSection> reads() {
        return EnumSet.of(RecipeSection.AUGMENT, RecipeSection.OPTIMIZER);
    }

    @Override
    public String unread(RecipeSection section) {
        return "MAE trains a ViT and its decoder on the hidden patches' squared error, nothing else";
    }

    @Override
    public List<Class<? extends EncoderSpec>> encoders() {
        return List.of(VitSpec.class);
    }

    /** Checks that the patches tile the image and that the mask ratio hides at least one and keeps one. */
    @Override
    public void validateInput(ModelSpec model, Shape inputShape) {
        checkModel(model);
        int p = ((VitSpec) model.encoder()).patch();
        if (inputShape.get(2) % p != 0 || inputShape.get(3) % p != 0) {
            throw SelfsupException.of("model.encoder.patch", "", "a divisor of the image size " + inputShape.get(2) + "×"
                    + inputShape.get(3), p, null);
        }
        PatchMask.keptCount((int) ((inputShape.get(2) / p) * (inputShape.get(3) / p)), maskRatio);
    }

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        return new MaskedAutoencoder(net, this, views, seeds, root, inputShape);
    }
}
