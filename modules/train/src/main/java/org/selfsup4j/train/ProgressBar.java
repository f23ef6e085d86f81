package org.selfsup4j.train;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress. On a terminal it is a redrawn bar from the {@code progressbar} library
 * (steps done of the total, steps per second, elapsed time and ETA, with the epoch, the loss and the
 * learning rate as its message), refreshed every 250 ms by the library's daemon thread,
 * which reads only numbers this listener hands it. Elsewhere (a log file, CI) it prints one line every
 * {@code every} steps and at the last step, so a log holds a bounded, step-aligned record whatever the
 * speed: {@code epoch E step S/T loss L lr R N img/s}.
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private final boolean terminal;
    private final int every;
    private me.tongfei.progressbar.ProgressBar bar;
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
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("pretrain").setInitialMax(s.totalSteps())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .showSpeed(new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                        .setUnit(" steps", 1).startsFrom(s.step(), Duration.ZERO)
                        .setConsumer(new ConsoleProgressBarConsumer(out)).build();
            }
            bar.stepTo(s.step() + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, " | epoch %d loss %.4f lr %.1e", s.epoch() + 1, s.loss(),
                    s.lr()));
        } else if ((s.step() + 1) % every == 0 || s.step() + 1 == s.totalSteps()) {
            out.println(String.format(Locale.ROOT, "epoch %d step %d/%d loss %.4f lr %.2e %.0f img/s", s.epoch() + 1,
                    s.step() + 1, s.totalSteps(), s.loss(), s.lr(), smoothedRate));
        }
    }

    @Override
    public void onEnd(long step) {
        close();
    }

    @Override
    public void onStop(long step) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
