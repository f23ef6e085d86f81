package org.selfsup4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Splits;

/**
 * Benchmark of reading an image folder: the first load (listing, parallel decode with ImageIO, writing
 * the decoded cache) in images per second, then the cached load (opening the memory-mapped entry) and
 * one epoch of batches of 256 in random order read from it with {@link ImageSet#fill} (what training
 * does), beside the same epoch from the IDX twin on the heap; last, the first load again with resizing
 * to 64×64 and 3 channels (the triangle-filter resample and the channel expansion). The decoded cache is a
 * fresh temporary folder, so a first load really decodes. Usage: {@code DataBenchmark FOLDER CHANNELS}; run by
 * {@code eval/bench-data.sh}; prints Markdown rows.
 */
public final class DataBenchmark {
    private static final int BATCH = 256;

    private DataBenchmark() {}

    /**
     * @param args the image folder and its channel count
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path cache = Files.createTempDirectory("selfsup-bench-cache");
        System.setProperty("selfsup4j.cache", cache.toString());
        DataSpec spec = new DataSpec("image_folder", args[0], 0, "train", "fine", 0, Integer.parseInt(args[1]), 0.2, 0,
                "fail");
        long t0 = System.nanoTime();
        Splits first = spec.load();
        double decode = (System.nanoTime() - t0) * 1e-9;
        int images = first.train().size() + (first.test() == null ? 0 : first.test().size());
        t0 = System.nanoTime();
        Splits cached = spec.load();
        double open = (System.nanoTime() - t0) * 1e-9;
        Splits idx = DataSpec.defaults().load();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| first load: list + decode + write the cache (%d images) | %.1f s | %.0f img/s |%n",
                images, decode, images / decode));
        out.append(String.format(Locale.ROOT, "| later load: open the mapped cache | %.3f s | |%n", open));
        for (int round = 0; round < 3; round++) {
            out.append(epoch("epoch of batches from the mapped cache, round " + (round + 1), cached.train()));
            out.append(epoch("epoch of batches from IDX on the heap (twin), round " + (round + 1), idx.train()));
        }
        DataSpec resized = new DataSpec("image_folder", args[0], 0, "train", "fine", 64, 3, 0.2, 0, "fail");
        t0 = System.nanoTime();
        resized.load();
        double resize = (System.nanoTime() - t0) * 1e-9;
        out.append(String.format(Locale.ROOT, "| first load resized to 3×64×64: decode + resample + write the cache | %.1f s "
                + "| %.0f img/s |%n", resize, images / resize));
        System.out.print(out);
    }

    private static String epoch(String what, ImageSet set) {
        int n = set.size();
        int[] order = org.selfsup4j.core.Permutation.random(n, new SplittableRandom(1));
        float[] buf = new float[BATCH * set.imageSize()];
        int[] idx = new int[BATCH];
        long t0 = System.nanoTime();
        for (int b = 0; b + BATCH <= n; b += BATCH) {
            System.arraycopy(order, b, idx, 0, BATCH);
            set.fill(idx, buf);
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        return String.format(Locale.ROOT, "| %s (%d images) | %.2f s | %.0f img/s |%n", what, n / BATCH * BATCH, s,
                n / BATCH * BATCH / s);
    }
}
