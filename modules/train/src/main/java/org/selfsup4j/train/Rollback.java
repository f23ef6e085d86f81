package org.selfsup4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * {@code train.non_finite: rollback}: on a NaN or infinite loss or gradient, reloads the newest intact
 * training state, multiplies the learning-rate scale by {@code rollback_lr_factor} (on top of earlier
 * rollbacks, so s = factorᵏ after k of them), cuts {@code metrics.jsonl} back to the state and logs a
 * {@code rollback} event ({@code step}, {@code failed_step}, {@code lr_scale}), then lets the loop go on
 * from the state's step. After {@code max_rollbacks}, or with no state written yet, it stops the run
 * with the original error and says why.
 */
public final class Rollback implements TrainingLoop.Recovery {
    private final Path checkpoints;
    private final HypersphereNetwork net;
    private final StepFunction method;
    private final ResumableOptimizer optimizer;
    private final WarmupCosine schedule;
    private final MetricsLog metrics;
    private final TrainSpec spec;
    private final PrintStream progress;
    private int done;

    /**
     * @param checkpoints the run's checkpoints folder
     * @param net the network
     * @param method the method
     * @param optimizer the optimizer
     * @param schedule the schedule, whose scale is lowered
     * @param metrics the open metrics log
     * @param spec the factor and the maximum number of rollbacks
     * @param progress where each rollback is announced
     */
    public Rollback(Path checkpoints, HypersphereNetwork net, StepFunction method, ResumableOptimizer optimizer,
            WarmupCosine schedule, MetricsLog metrics, TrainSpec spec, PrintStream progress) {
        this.checkpoints = checkpoints;
        this.net = net;
        this.method = method;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.metrics = metrics;
        this.spec = spec;
        this.progress = progress;
    }

    @Override
    public long recover(long step, SelfsupException error) {
        if (done >= spec.maxRollbacks()) {
            throw new SelfsupException(error.where(), error.detail() + " (after " + done + " rollbacks)");
        }
        float scale = (float) (schedule.scale() * spec.rollbackLrFactor());
        OptionalLong restored = TrainingState.restoreNewest(checkpoints, net, method, optimizer, schedule);
        if (restored.isEmpty()) {
            throw new SelfsupException(error.where(), error.detail() + " (no training state to roll back to yet)");
        }
        long to = restored.getAsLong();
        schedule.setScale(scale);
        done++;
        metrics.rewind(to);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("failed_step", step);
        fields.put("lr_scale", scale);
        metrics.event("rollback", to, fields);
        progress.printf(Locale.ROOT, "%s; rolled back to step %d with the learning rate scaled by %.4g%n",
                error.getMessage(), to, scale);
        return to;
    }

    /** @return the rollbacks done so far */
    public int done() {
        return done;
    }
}
