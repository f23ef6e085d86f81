package org.selfsup4j.train;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code optimizer} section: Adam (Kingma &amp; Ba 2015) or SGD with momentum with an L2
 * weight decay on every parameter, or AdamW (decoupled decay on matrices only, as MAE trains), all
 * {@link ResumableOptimizer}s, and the {@link WarmupCosine} schedule.
 *
 * @param type {@code adam} (default), {@code adamw} or {@code sgd}
 * @param lr peak learning rate, default 1e-3
 * @param momentum SGD momentum, default 0.9 (ignored by Adam)
 * @param weightDecay weight decay (L2 for adam and sgd, decoupled for adamw), default 1e-6
 * @param warmupEpochs linear warm-up length in epochs (fractions allowed), default 1
 * @param minLrRatio final learning rate as a fraction of {@code lr}, default 0.01
 * @param beta2 Adam's and AdamW's second-moment decay β2, default 0.999 (MAE trains ViTs with 0.95)
 */
public record OptimizerSpec(String type, double lr, double momentum, double weightDecay, double warmupEpochs,
        double minLrRatio, double beta2) {
    private static final Set<String> TYPES = Set.of("adam", "adamw", "sgd");

    /** Validates every field. */
    public OptimizerSpec {
        if (!TYPES.contains(type)) {
            throw SelfsupException.of("type", "", "one of " + TYPES, "'" + type + "'", null);
        }
        Checks.positive("lr", lr);
        Checks.inRange("momentum", momentum, 0, 1);
        Checks.inRange("weight_decay", weightDecay, 0, 1);
        Checks.inRange("warmup_epochs", warmupEpochs, 0, 1e6);
        Checks.inRange("min_lr_ratio", minLrRatio, 0, 1);
        Checks.require(beta2 > 0 && beta2 < 1, "beta2", "", "in (0, 1)", beta2);
    }

    /** @return Adam, lr 1e-3, weight decay 1e-6, 1 warm-up epoch, final lr 1 %, β2 0.999 */
    public static OptimizerSpec defaults() {
        return new OptimizerSpec("adam", 1e-3, 0.9, 1e-6, 1.0, 0.01, 0.999);
    }

    /**
     * @param stepsPerEpoch optimizer steps per epoch
     * @param totalSteps total optimizer steps of the run
     * @return the schedule
     */
    public WarmupCosine schedule(int stepsPerEpoch, long totalSteps) {
        return new WarmupCosine(lr, Math.round(warmupEpochs * stepsPerEpoch), totalSteps, minLrRatio);
    }

    /**
     * @param schedule the learning-rate schedule
     * @param parameters the trained parameters, initialised, in the order their state is checkpointed
     * @return a new optimizer whose state can be saved and restored
     */
    public ResumableOptimizer build(WarmupCosine schedule, List<Parameter> parameters) {
        ResumableOptimizer.Kind kind = ResumableOptimizer.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        return new ResumableOptimizer(kind, schedule, (float) weightDecay, (float) beta2, (float) momentum, parameters);
    }
}
