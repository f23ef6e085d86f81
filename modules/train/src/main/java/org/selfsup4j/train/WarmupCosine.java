package org.selfsup4j.train;

import ai.djl.training.tracker.Tracker;
import org.selfsup4j.core.Checks;

/**
 * Linear warm-up then cosine decay (Loshchilov &amp; Hutter, SGDR, 2017; as in SimCLR), by step t:
 * <pre>
 *   lr(t) = base · (t + 1) / W                                          for t &lt; W
 *   lr(t) = min + (base − min) · ½ (1 + cos(π · (t − W) / (T − W)))     for W ≤ t &lt; T
 * </pre>
 * with {@code min = base · minRatio}; {@code lr(t) = min} for {@code t ≥ T}. Every value is multiplied by
 * a scale s (1 at the start), which a rollback after a non-finite loss lowers and training states keep.
 */
public final class WarmupCosine implements Tracker {
    private final float base;
    private final long warmup;
    private final long total;
    private final float min;
    private float scale = 1f;

    /**
     * @param base peak learning rate
     * @param warmupSteps W ≥ 0
     * @param totalSteps T ≥ 1
     * @param minRatio final learning rate as a fraction of base, in [0, 1]
     */
    public WarmupCosine(double base, long warmupSteps, long totalSteps, double minRatio) {
        this.base = (float) Checks.positive("lr", base);
        this.total = Checks.atLeast("total steps", totalSteps, 1);
        this.warmup = Math.min(Checks.atLeast("warmup steps", warmupSteps, 0), total);
        this.min = (float) (base * Checks.inRange("min_lr_ratio", minRatio, 0, 1));
    }

    @Override
    public float getNewValue(int numUpdate) {
        return at(numUpdate);
    }

    /**
     * @param step the 0-based step t
     * @return lr(t)
     */
    public float at(long step) {
        return scale == 1f ? unscaled(step) : scale * unscaled(step);
    }

    private float unscaled(long step) {
        if (step < warmup) {
            return base * (step + 1) / warmup;
        }
        if (step >= total) {
            return min;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return (float) (min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** @return the scale s every value is multiplied by (1 unless a rollback lowered it) */
    public float scale() {
        return scale;
    }

    /**
     * @param s the new scale, in (0, 1]
     */
    public void setScale(float s) {
        Checks.require(s > 0 && s <= 1, "lr scale", "", "in (0, 1]", s);
        this.scale = s;
    }
}
