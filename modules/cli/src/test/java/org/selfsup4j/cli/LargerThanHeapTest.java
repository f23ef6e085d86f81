package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset larger than the heap trains: a plain IDX file of 1,000,000 images (784 MB) with a 128 MB heap
 * ({@code -Xmx128m}) pretrains a few steps in a real {@code selfsup} process. The file is memory-mapped,
 * so the peak resident set (VmHWM, polled from {@code /proc}) stays below the process's twin on a
 * 1,000-image file plus the whole heap (which the big run may fill and the twin not) plus a quarter of the
 * file: only the pages the batches touch are brought in.
 */
class LargerThanHeapTest {
    private static final int SIDE = 28;

    @TempDir
    Path dir;

    /** Writes train (n images) and test (256) IDX files of random pixels with labels 0..9. */
    private static Path dataset(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(3);
        for (String split : List.of("train", "t10k")) {
            int count = split.equals("train") ? n : 256;
            try (OutputStream img = new BufferedOutputStream(Files.newOutputStream(dir.resolve(split + "-images-idx3-ubyte")),
                    1 << 20); OutputStream lbl = new BufferedOutputStream(Files.newOutputStream(dir.resolve(split
                    + "-labels-idx1-ubyte")))) {
                img.write(header(3, count, SIDE, SIDE));
                lbl.write(header(1, count));
                byte[] one = new byte[SIDE * SIDE];
                for (int i = 0; i < count; i++) {
                    rng.nextBytes(one);
                    img.write(one);
                    lbl.write(i % 10);
                }
            }
        }
        return dir;
    }

    private static byte[] header(int dims, int... sizes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims).put(new byte[] {0, 0, 8, (byte) dims});
        for (int s : sizes) {
            b.putInt(s);
        }
        return b.array();
    }

    /** Runs a few pretraining steps with a 128 MB heap; returns the peak resident set in kB. */
    private long pretrainPeakKb(Path data, Path cwd) throws Exception {
        Files.createDirectories(cwd);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dselfsup4j.cache=" + cwd.resolve("cache"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "pretrain",
                Path.of("../../recipes/quickstart.yaml").toAbsolutePath().toString(), "--set", "data.dataset=idx", "--set",
                "data.path=" + data, "--set", "train.batch_size=64", "--set", "train.max_steps=6", "--set", "eval=false",
                "--out", cwd.resolve("runs").toString()));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("log.txt").toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (java.io.IOException gone) {
                break;
            }
        }
        assertEquals(0, p.waitFor(), Files.readString(cwd.resolve("log.txt")));
        return peak;
    }

    @Test
    void aMappedDatasetLargerThanTheHeapTrainsWithBoundedMemory() throws Exception {
        int n = 1_000_000;
        Path big = dataset(dir.resolve("big"), n);
        long fileKb = Files.size(big.resolve("train-images-idx3-ubyte")) / 1024;
        assertTrue(fileKb > 5 * 128 * 1024, "the training file is over five times the heap");
        long smallPeak = pretrainPeakKb(dataset(dir.resolve("small"), 1000), dir.resolve("small-run"));
        long bigPeak = pretrainPeakKb(big, dir.resolve("big-run"));
        System.out.printf("larger than heap: file %d MB, peak RSS %d MB (1,000-image twin: %d MB)%n", fileKb / 1024,
                bigPeak / 1024, smallPeak / 1024);
        assertTrue(bigPeak > 0 && smallPeak > 0);
        assertTrue(bigPeak < smallPeak + 128 * 1024 + fileKb / 4, "peak RSS " + bigPeak + " kB vs twin " + smallPeak + " kB and a "
                + fileKb + " kB file");
    }
}
