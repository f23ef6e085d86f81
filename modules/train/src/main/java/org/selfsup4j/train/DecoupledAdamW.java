package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AdamW (Loshchilov &amp; Hutter, ICLR 2019) with weight decay on matrices only, as MAE and timm train
 * ViTs: parameters of two or more dimensions (weights, CLS and mask tokens, positions) decay; biases
 * and normalisation scales and shifts (one dimension) do not. Per parameter, with learning rate
 * {@code η_t}, decay λ and bias-corrected moments m̂, v̂:
 * <pre>
 *   w ← w − η_t·λ·w     (decayed group only)
 *   w ← w − η_t·m̂ / (√v̂ + ε)
 * </pre>
 * β1 = 0.9, ε = 1e-8, β2 given (MAE uses 0.95). Each group is DJL's fused AdamW update; this class
 * only routes a parameter to its group.
 */
public final class DecoupledAdamW extends Optimizer {
    private final Optimizer decayed;
    private final Optimizer plain;
    private final Set<String> noDecay;

    /**
     * @param lr the learning-rate schedule
     * @param weightDecay the decoupled decay λ of the matrix group
     * @param beta2 the second-moment decay β2
     * @param parameters the trained parameters (initialised), to split into groups
     */
    public DecoupledAdamW(ParameterTracker lr, float weightDecay, float beta2, Collection<Parameter> parameters) {
        super(new Builder());
        this.decayed = Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(weightDecay).optBeta2(beta2).build();
        this.plain = Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(0f).optBeta2(beta2).build();
        this.noDecay = parameters.stream().filter(p -> !decays(p)).map(Parameter::getId).collect(Collectors.toSet());
    }

    /**
     * @param p an initialised parameter
     * @return whether it is in the decayed group (two or more dimensions)
     */
    public static boolean decays(Parameter p) {
        return p.getArray().getShape().dimension() >= 2;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (noDecay.contains(parameterId) ? plain : decayed).update(parameterId, weight, grad);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
