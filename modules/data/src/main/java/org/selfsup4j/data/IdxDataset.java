package org.selfsup4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SelfsupException;

/**
 * Reads a pair of IDX splits ({@code PREFIX-images-idx3-ubyte}, {@code PREFIX-labels-idx1-ubyte},
 * each plain or gzipped): the layout of MNIST, Fashion-MNIST and any dataset written the same way.
 *
 * <p>Images are {@code (N, H, W)} (one channel), {@code (N, C, H, W)} with C = 1 or 3, or
 * {@code (N, H, W, C)} with C = 1 or 3 (transposed to channels-first on reading). A plain
 * channels-first file is memory-mapped rather than read, so it may be larger than the heap; a gzipped
 * or channels-last one is read into memory. Labels are {@code (N)} unsigned bytes.
 */
public final class IdxDataset {
    /** The optional class-name file of an {@code idx} folder: one name per line, label order. */
    public static final String CLASSES_FILE = "classes.txt";

    private IdxDataset() {}

    /**
     * Reads a train and a test split.
     *
     * @param dir the folder
     * @param trainPrefix the training files' prefix, e.g. {@code train}
     * @param testPrefix the test files' prefix, e.g. {@code t10k}
     * @param classNames the class names, or {@code null} to read {@value #CLASSES_FILE} or else name the
     *     classes by number (as many as the largest label + 1)
     * @return the splits, fingerprinted by the four files' SHA-256
     */
    public static Splits read(Path dir, String trainPrefix, String testPrefix, List<String> classNames) {
        Path[] files = {DatasetLocator.fileIn(dir, trainPrefix + "-images-idx3-ubyte"),
            DatasetLocator.fileIn(dir, trainPrefix + "-labels-idx1-ubyte"),
            DatasetLocator.fileIn(dir, testPrefix + "-images-idx3-ubyte"),
            DatasetLocator.fileIn(dir, testPrefix + "-labels-idx1-ubyte")};
        if (!Files.isRegularFile(files[0]) && Files.isRegularFile(DatasetLocator.fileIn(dir, trainPrefix + "-images-idx4-ubyte"))) {
            files[0] = DatasetLocator.fileIn(dir, trainPrefix + "-images-idx4-ubyte");
            files[2] = DatasetLocator.fileIn(dir, testPrefix + "-images-idx4-ubyte");
        }
        int[] trainLabels = labels(files[1]);
        int[] testLabels = labels(files[3]);
        List<String> names = classNames != null ? classNames : names(dir, trainLabels, testLabels);
        checkLabels(files[1], trainLabels, names.size());
        checkLabels(files[3], testLabels, names.size());
        ImageSet train = images(files[0], trainLabels, names.size(), files[1]);
        ImageSet test = images(files[2], testLabels, names.size(), files[3]);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Path p : files) {
            hashes.put(p.getFileName().toString(), DecodedCache.sha256(p));
        }
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
            throw SelfsupException.of(files[2].toString(), "image shape", "the training images' " + train.channels() + "×"
                    + train.height() + "×" + train.width(), test.channels() + "×" + test.height() + "×" + test.width(), null);
        }
        return new Splits(train, test, dir, hashes, names);
    }

    private static int[] labels(Path file) {
        IdxArray a = IdxReader.read(file);
        if (a.dims().length != 1) {
            throw SelfsupException.of(file.toString(), "label dimensions", "1 (count)", a.dims().length, null);
        }
        int[] y = new int[a.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = a.data()[i] & 0xFF;
        }
        return y;
    }

    private static List<String> names(Path dir, int[] train, int[] test) {
        Path file = dir.resolve(CLASSES_FILE);
        if (Files.isRegularFile(file)) {
            try {
                List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList();
                if (names.isEmpty()) {
                    throw SelfsupException.of(file.toString(), "class names", "one per line", "none", null);
                }
                return names;
            } catch (IOException | java.io.UncheckedIOException e) {
                throw SelfsupException.of(file.toString(), "class names", "readable UTF-8 text", e.getClass().getSimpleName(),
                        null);
            }
        }
        int max = 0;
        for (int[] ys : new int[][] {train, test}) {
            for (int y : ys) {
                max = Math.max(max, y);
            }
        }
        return SourceFiles.numbered(max + 1);
    }

    private static void checkLabels(Path file, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw SelfsupException.of(file.toString(), "label " + i, "in [0, " + (classes - 1) + "] (" + classes
                        + " classes)", labels[i], null);
            }
        }
    }

    private static ImageSet images(Path file, int[] labels, int classes, Path labelFile) {
        int[] dims = IdxReader.plainHeader(file);
        boolean mapped = dims != null;
        IdxArray heap = null;
        if (!mapped) {
            heap = IdxReader.read(file);
            dims = heap.dims();
        }
        int n = dims[0];
        int c;
        int h;
        int w;
        boolean channelsLast = false;
        if (dims.length == 3) {
            c = 1;
            h = dims[1];
            w = dims[2];
        } else if (dims.length == 4 && (dims[1] == 1 || dims[1] == 3)) {
            c = dims[1];
            h = dims[2];
            w = dims[3];
        } else if (dims.length == 4 && (dims[3] == 1 || dims[3] == 3)) {
            channelsLast = true;
            h = dims[1];
            w = dims[2];
            c = dims[3];
        } else {
            throw SelfsupException.of(file.toString(), "image dimensions", "(N, H, W), (N, C, H, W) or (N, H, W, C) with "
                    + "C = 1 or 3", java.util.Arrays.toString(dims), null);
        }
        if (labels.length != n) {
            throw SelfsupException.of(labelFile.toString(), "label count", "equal to the image count " + n, labels.length,
                    "the image and label files do not belong together");
        }
        int size = c * h * w;
        if (mapped && !channelsLast) {
            return new ImageSet(PixelBuffer.map(file, IdxReader.dataOffset(dims), n, size), labels, c, h, w, classes);
        }
        if (heap == null) {
            heap = IdxReader.read(file);
        }
        byte[] px = heap.data();
        if (channelsLast) {
            byte[] chw = new byte[px.length];
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            chw[i * size + (ch * h + y) * w + x] = px[i * size + (y * w + x) * c + ch];
                        }
                    }
                }
            }
            px = chw;
        }
        return new ImageSet(px, labels, c, h, w, classes);
    }
}
