package org.selfsup4j.data;

import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a one-time decode into the {@link DecodedCache}: on a terminal a redrawn bar (the
 * {@code progressbar} library) on standard error; elsewhere a line when it starts and one when it ends,
 * with the images per second.
 */
final class DecodeProgress implements AutoCloseable {
    private final String task;
    private final long total;
    private final long t0 = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ProgressBar bar;

    DecodeProgress(String task, long total) {
        this.task = task;
        this.total = total;
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setUnit(" img", 1).showSpeed().setMaxRenderedLength(100)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        } else {
            bar = null;
            System.err.println(task + ": " + total + " images into the cache under " + DecodedCache.root());
        }
    }

    void step() {
        done.incrementAndGet();
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        System.err.printf(java.util.Locale.ROOT, "%s: %d images in %.1f s (%.0f img/s)%n", task, done.get(), s,
                done.get() / Math.max(s, 1e-9));
    }
}
