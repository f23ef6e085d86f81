package org.selfsup4j.train;

import ai.djl.training.optimizer.Optimizer;
import java.util.Set;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code optimizer} section: Adam (Kingma &amp; Ba 2015) or SGD with momentum, an L2
 * weight decay, and the {@link WarmupCosine} schedule.
 *
 * @param type {@code adam} (default) or {@code sgd}
 * @param lr peak learning rate, default 1e-3
 * @param momentum SGD momentum, default 0.9 (ignored by Adam)
 * @param weightDecay L2 weight decay, default 1e-6
 * @param warmupEpochs linear warm-up length in epochs (fractions allowed), default 1
 * @param minLrRatio final learning rate as a fraction of {@code lr}, default 0.01
 */
public record OptimizerSpec(String type, double lr, double momentum, double weightDecay, double warmupEpochs,
        double minLrRatio) {
    private static final Set<String> TYPES = Set.of("adam", "sgd");

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
    }

    /** @return Adam, lr 1e-3, weight decay 1e-6, 1 warm-up epoch, final lr 1 % */
    public static OptimizerSpec defaults() {
        return new OptimizerSpec("adam", 1e-3, 0.9, 1e-6, 1.0, 0.01);
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
     * @return a new optimizer
     */
    public Optimizer build(WarmupCosine schedule) {
        if (type.equals("sgd")) {
            return Optimizer.sgd().setLearningRateTracker(schedule).optMomentum((float) momentum)
                    .optWeightDecays((float) weightDecay).build();
        }
        return Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays((float) weightDecay).build();
    }
}
