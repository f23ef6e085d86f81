package org.selfsup4j.train;

import java.util.Set;
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
import org.selfsup4j.losses.LossSpec;

/**
 * Recipe spec of {@link PredictiveMethod}: BYOL (Grill et al., NeurIPS 2020) with {@code momentum} m &gt; 0,
 * the target being an EMA copy of the online network; SimSiam (Chen &amp; He, CVPR 2021) with m = 0, the
 * target being the online projection itself behind a stop-gradient. Needs {@code model.predictor}; the
 * recipe's {@code loss} section is not used (the loss is fixed, see {@link PredictiveMethod}). Random
 * batches without replacement.
 *
 * @param momentum the target's EMA momentum m ∈ [0, 1), default 0.99 (BYOL); 0 for SimSiam
 */
@SpecType(value = "predictive", doc = "BYOL (momentum target) / SimSiam (momentum 0): predict the other view's projection")
public record PredictiveMethodSpec(double momentum) implements MethodSpec {
    /** Validates m. */
    public PredictiveMethodSpec {
        Checks.inRange("momentum", momentum, 0, 0.99999);
    }

    /** @return BYOL's m = 0.99 */
    public static PredictiveMethodSpec defaults() {
        return new PredictiveMethodSpec(0.99);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        if (views < 2) {
            throw SelfsupException.of("augment.views", "", ">= 2 for the predictive method", views, null);
        }
    }

    @Override
    public Set<RecipeSection> reads() {
        return EnumSet.of(RecipeSection.AUGMENT, RecipeSection.HEAD, RecipeSection.PREDICTOR, RecipeSection.OPTIMIZER);
    }

    @Override
    public String unread(RecipeSection section) {
        return "BYOL/SimSiam train with their own 2 − 2cos objective";
    }

    @Override
    public void validateModel(ModelSpec model) {
        if (model.predictor() == null) {
            throw SelfsupException.of("model.predictor", "", "given for method 'predictive'", "none",
                    "add model.predictor: {type: projection, hidden: 256, out: " + model.head().outDim() + "}");
        }
    }


    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        MomentumEncoder target = momentum > 0 ? new MomentumEncoder(net, root, inputShape, momentum) : null;
        return new PredictiveMethod(net, views, seeds, root, target);
    }
}
