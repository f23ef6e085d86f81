package org.selfsup4j.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Writes dataset files byte by byte from their published layouts, for the format tests. */
final class DataFiles {
    private DataFiles() {}

    /** The test pattern: pixel (c, y, x) of image i. */
    static int px(int i, int c, int y, int x) {
        return (i * 31 + c * 67 + y * 7 + x * 3) & 0xFF;
    }

    /** CIFAR-10: {@code batches} training files of {@code perBatch} records, a test file of {@code test}. */
    static void cifar10(Path dir, int perBatch, int test) throws IOException {
        Files.createDirectories(dir);
        int i = 0;
        for (int b = 1; b <= 5; b++) {
            i = cifarFile(dir.resolve("data_batch_" + b + ".bin"), i, perBatch, false);
        }
        cifarFile(dir.resolve("test_batch.bin"), 1000, test, false);
    }

    /** CIFAR-100: train.bin and test.bin with coarse label {@code i % 20} and fine label {@code i % 100}. */
    static void cifar100(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        cifarFile(dir.resolve("train.bin"), 0, train, true);
        cifarFile(dir.resolve("test.bin"), 1000, test, true);
    }

    private static int cifarFile(Path f, int first, int n, boolean hundred) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + n; i++) {
            if (hundred) {
                out.write(i % 20);
                out.write(i % 100);
            } else {
                out.write(i % 10);
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out.write(px(i, c, y, x));
                    }
                }
            }
        }
        Files.write(f, out.toByteArray());
        return first + n;
    }

    /** STL-10: column-major 96×96 planes, labels {@code 1 + i % 10}; images of train start at 0, test at 1000, unlabeled at 5000. */
    static void stl10(Path dir, int train, int test, int unlabeled) throws IOException {
        Files.createDirectories(dir);
        stlImages(dir.resolve("train_X.bin"), 0, train);
        stlLabels(dir.resolve("train_y.bin"), 0, train);
        stlImages(dir.resolve("test_X.bin"), 1000, test);
        stlLabels(dir.resolve("test_y.bin"), 1000, test);
        if (unlabeled > 0) {
            stlImages(dir.resolve("unlabeled_X.bin"), 5000, unlabeled);
        }
    }

    private static void stlImages(Path f, int first, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 96; x++) {
                    for (int y = 0; y < 96; y++) {
                        out.write(px(i, c, y, x));
                    }
                }
            }
        }
        Files.write(f, out.toByteArray());
    }

    private static void stlLabels(Path f, int first, int n) throws IOException {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (1 + (first + i) % 10);
        }
        Files.write(f, b);
    }

    /** An IDX file of unsigned bytes with the given dimensions and data, gzipped or plain. */
    static void idx(Path f, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        }
        out.write(data);
        if (gzip) {
            try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(f))) {
                gz.write(out.toByteArray());
            }
        } else {
            Files.write(f, out.toByteArray());
        }
    }

    /** A PNG of a channels-first image: grey (C = 1, 8-bit grey PNG) or RGB (C = 3). */
    static void png(Path f, byte[] chw, int c, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (c == 1) {
                    img.getRaster().setSample(x, y, 0, chw[i] & 0xFF);
                } else {
                    img.setRGB(x, y, ((chw[i] & 0xFF) << 16) | ((chw[plane + i] & 0xFF) << 8) | (chw[2 * plane + i] & 0xFF));
                }
            }
        }
        try {
            Files.createDirectories(f.getParent());
            if (!ImageIO.write(img, f.getFileName().toString().endsWith(".png") ? "png" : "jpg", f.toFile())) {
                throw new IOException("no writer for " + f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The channels-first pattern image {@code i} at c×h×w. */
    static byte[] pattern(int i, int c, int h, int w) {
        byte[] b = new byte[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b[(ch * h + y) * w + x] = (byte) px(i, ch, y, x);
                }
            }
        }
        return b;
    }
}
