package org.selfsup4j.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any pair of IDX splits ({@code data.dataset: idx}, {@code data.path} the folder):
 * {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte} with {@code t10k-…} or
 * {@code test-…} for the test split (each plain or gzipped; {@code idx4} in an image file's name for
 * four dimensions). Any number of classes up to 256, one or three channels ({@link IdxDataset}), class
 * names from {@code classes.txt} (one per line) or numbers. A plain image file is memory-mapped.
 */
public final class IdxFormat implements DatasetFormat {
    @Override
    public String name() {
        return "idx";
    }

    @Override
    public Splits load(DataSpec spec) {
        Path dir = spec.folder("");
        String test = Files.isRegularFile(DatasetLocator.fileIn(dir, "test-labels-idx1-ubyte")) ? "test" : "t10k";
        return IdxDataset.read(dir, "train", test, null);
    }
}
