package org.selfsup4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error: redrawn in place on a terminal (at most 4 times a second), or
 * one line every {@code every} steps when the output is a file or pipe.
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private final boolean terminal;
    private final int every;
    private long lastDraw;
    private double smoothedRate;

    /**
     * @param out where to draw (normally {@code System.err})
     * @param terminal whether {@code out} is a terminal
     * @param every steps between lines when not a terminal
     */
    public ProgressBar(PrintStream out, boolean terminal, int every) {
        this.out = out;
        this.terminal = terminal;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStep(StepStats s) {
        smoothedRate = smoothedRate == 0 ? s.imagesPerSecond() : 0.9 * smoothedRate + 0.1 * s.imagesPerSecond();
        boolean last = s.step() + 1 == s.totalSteps();
        long now = System.nanoTime();
        if (terminal) {
            if (last || now - lastDraw > 250_000_000L) {
                lastDraw = now;
                out.print("\r" + line(s) + (last ? "\n" : ""));
                out.flush();
            }
        } else if ((s.step() + 1) % every == 0 || last) {
            out.println(line(s));
        }
    }

    private String line(StepStats s) {
        int width = 24;
        int filled = (int) (width * (s.stepInEpoch() + 1) / (double) s.stepsPerEpoch());
        String bar = "=".repeat(filled) + " ".repeat(width - filled);
        return String.format(Locale.ROOT, "epoch %d [%s] step %d/%d loss %.4f lr %.2e %.0f img/s",
                s.epoch() + 1, bar, s.step() + 1, s.totalSteps(), s.loss(), s.lr(), smoothedRate);
    }
}
