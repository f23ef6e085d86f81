package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.SelfsupException;

/**
 * CIFAR-10 and CIFAR-100 (Krizhevsky 2009), the official binary versions: 32×32 RGB, 50,000 training
 * and 10,000 test images ({@code data.dataset: cifar10} or {@code cifar100}, {@code data.path} the
 * unpacked folder or its parent).
 *
 * <p>CIFAR-10: {@code data_batch_1.bin … data_batch_5.bin} and {@code test_batch.bin}, records of
 * 1 label byte (0–9) then 3,072 pixel bytes (the red, green and blue 32×32 planes, row-major); class
 * names from {@code batches.meta.txt}, else the published ten. CIFAR-100: {@code train.bin} and
 * {@code test.bin}, records of a coarse label byte (0–19), a fine label byte (0–99) and the 3,072
 * pixel bytes; {@code data.label} chooses fine or coarse; names from {@code fine_label_names.txt} /
 * {@code coarse_label_names.txt}, else numbers. Records are read into memory (180 MB).
 *
 * @param hundred whether this is CIFAR-100
 */
public record CifarFormat(boolean hundred) implements DatasetFormat {
    private static final int PIXELS = 3 * 32 * 32;
    private static final List<String> CIFAR10_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    @Override
    public String name() {
        return hundred ? "cifar100" : "cifar10";
    }

    @Override
    public Set<String> options() {
        return hundred ? Set.of("label") : Set.of();
    }

    @Override
    public Splits load(DataSpec spec) {
        Path dir = spec.folder(hundred ? "cifar-100-binary" : "cifar-10-batches-bin");
        boolean coarse = hundred && spec.label().equals("coarse");
        int classes = hundred ? (coarse ? 20 : 100) : 10;
        List<Path> trainFiles = new ArrayList<>();
        if (hundred) {
            trainFiles.add(dir.resolve("train.bin"));
        } else {
            for (int i = 1; i <= 5; i++) {
                trainFiles.add(dir.resolve("data_batch_" + i + ".bin"));
            }
        }
        Path testFile = dir.resolve(hundred ? "test.bin" : "test_batch.bin");
        Map<String, String> hashes = new LinkedHashMap<>();
        ImageSet train = read(trainFiles, coarse, classes, hashes);
        ImageSet test = read(List.of(testFile), coarse, classes, hashes);
        String namesFile = hundred ? (coarse ? "coarse_label_names.txt" : "fine_label_names.txt") : "batches.meta.txt";
        List<String> names = SourceFiles.classNames(dir.resolve(namesFile), classes, hundred ? null : CIFAR10_NAMES);
        return new Splits(train, test, dir, hashes, names);
    }

    private ImageSet read(List<Path> files, boolean coarse, int classes, Map<String, String> hashes) {
        int record = PIXELS + (hundred ? 2 : 1);
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] b = SourceFiles.readAll(f);
            if (b.length == 0 || b.length % record != 0) {
                throw SelfsupException.of(f.toString(), "file size", "a positive multiple of the " + record + "-byte record",
                        b.length + " bytes", b.length % record != 0 && b.length > 0 ? "the file is truncated or not a "
                        + name() + " binary file" : "the file is empty");
            }
            hashes.put(f.getFileName().toString(), Hashing.sha256(b));
            contents.add(b);
            total += b.length / record;
        }
        int n = (int) total;
        byte[] px = new byte[n * PIXELS];
        int[] y = new int[n];
        int i = 0;
        for (int k = 0; k < contents.size(); k++) {
            byte[] b = contents.get(k);
            for (int off = 0; off < b.length; off += record, i++) {
                int label = b[off + (hundred && !coarse ? 1 : 0)] & 0xFF;
                if (label >= classes) {
                    throw SelfsupException.of(files.get(k).toString(), "label of record " + off / record, "in [0, "
                            + (classes - 1) + "]", label, "not a " + name() + " binary file");
                }
                y[i] = label;
                System.arraycopy(b, off + record - PIXELS, px, i * PIXELS, PIXELS);
            }
        }
        return new ImageSet(px, y, 3, 32, 32, classes);
    }
}
