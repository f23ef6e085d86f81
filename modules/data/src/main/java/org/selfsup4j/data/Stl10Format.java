package org.selfsup4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SelfsupException;

/**
 * STL-10 (Coates, Ng, Lee 2011), the official binary version: 96×96 RGB, 5,000 labelled training
 * images, 8,000 test images and 100,000 unlabelled ones ({@code data.dataset: stl10}, {@code data.path}
 * the unpacked {@code stl10_binary} folder or its parent).
 *
 * <p>{@code train_X.bin}, {@code test_X.bin}, {@code unlabeled_X.bin}: images of 27,648 bytes, each the
 * red, green and blue 96×96 planes stored column-major (byte {@code c·9216 + x·96 + y} is channel c,
 * row y, column x); {@code train_y.bin}, {@code test_y.bin}: one label byte per image, 1–10;
 * {@code class_names.txt}: the names. The STL-10 protocol pretrains on {@code unlabeled}
 * ({@code data.pretrain_split: unlabeled}) and probes on train/test; {@code unlabeled_X.bin} may be
 * left out otherwise. The images are transposed once into the {@link DecodedCache} (2.8 GB with the
 * unlabelled split) and memory-mapped from there.
 */
public final class Stl10Format implements DatasetFormat {
    private static final int SIDE = 96;
    private static final int PIXELS = 3 * SIDE * SIDE;
    private static final List<String> NAMES = List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse",
            "monkey", "ship", "truck");

    @Override
    public String name() {
        return "stl10";
    }

    @Override
    public Splits load(DataSpec spec) {
        Path dir = spec.folder("stl10_binary");
        Map<String, Path> images = new LinkedHashMap<>();
        Map<String, int[]> labels = new LinkedHashMap<>();
        for (String split : List.of("train", "test")) {
            Path x = dir.resolve(split + "_X.bin");
            int n = count(x);
            images.put(split, x);
            labels.put(split, labels(dir.resolve(split + "_y.bin"), n));
        }
        Path unlabeled = dir.resolve("unlabeled_X.bin");
        if (Files.exists(unlabeled) || spec.pretrainSplit().equals("unlabeled")) {
            count(unlabeled);
            images.put("unlabeled", unlabeled);
        }
        List<String> names = SourceFiles.classNames(dir.resolve("class_names.txt"), 10, NAMES);
        List<String> key = new ArrayList<>(List.of("stl10 v1"));
        for (Path p : images.values()) {
            key.add(SourceFiles.stat(p));
        }
        labels.forEach((k, v) -> key.add(k + " " + java.util.Arrays.hashCode(v)));
        return DecodedCache.open(DecodedCache.key(key), dir, List.of(3, SIDE, SIDE), names, w -> {
            DecodeProgress progress = new DecodeProgress("transposing STL-10", images.values().stream()
                    .mapToLong(SourceFiles::size).sum() / PIXELS);
            images.forEach((split, file) -> {
                int[] y = labels.get(split);
                w.begin(split, y != null);
                transpose(file, y, w, progress);
            });
            progress.close();
        });
    }

    private static void transpose(Path file, int[] y, CacheWriter w, DecodeProgress progress) {
        byte[] in = new byte[PIXELS];
        byte[] out = new byte[PIXELS];
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            for (int i = 0; s.readNBytes(in, 0, PIXELS) == PIXELS; i++) {
                for (int c = 0; c < 3; c++) {
                    int plane = c * SIDE * SIDE;
                    for (int x = 0; x < SIDE; x++) {
                        for (int r = 0; r < SIDE; r++) {
                            out[plane + r * SIDE + x] = in[plane + x * SIDE + r];
                        }
                    }
                }
                w.add(out, y == null ? -1 : y[i]);
                progress.step();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(Path x) {
        if (!Files.isRegularFile(x)) {
            throw SelfsupException.of(x.toString(), "file", "present", "no such file", x.getFileName().toString()
                    .startsWith("unlabeled") ? "unlabeled_X.bin is needed for data.pretrain_split: unlabeled"
                    : "data.path must be the unpacked stl10_binary folder");
        }
        long size = SourceFiles.size(x);
        if (size == 0 || size % PIXELS != 0 || size / PIXELS > Integer.MAX_VALUE) {
            throw SelfsupException.of(x.toString(), "file size", "a positive multiple of the " + PIXELS + "-byte image",
                    size + " bytes", size == 0 ? "the file is empty" : "the file is truncated or not an STL-10 image file");
        }
        return (int) (size / PIXELS);
    }

    private static int[] labels(Path file, int n) {
        byte[] b = SourceFiles.readAll(file);
        if (b.length != n) {
            throw SelfsupException.of(file.toString(), "label count", "one byte per image (" + n + ")", b.length, null);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xFF;
            if (v < 1 || v > 10) {
                throw SelfsupException.of(file.toString(), "label " + i, "in [1, 10]", v, "not an STL-10 label file");
            }
            y[i] = v - 1;
        }
        return y;
    }
}
