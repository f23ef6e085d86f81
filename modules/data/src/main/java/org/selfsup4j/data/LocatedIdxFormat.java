package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A published IDX dataset ({@code fashion_mnist}, {@code mnist}) found by a {@link DatasetLocator}:
 * {@code data.path}, {@code $SELFSUP_DATA}, the user cache, the system folder, then a verified download.
 *
 * @param name the {@code data.dataset} name
 * @param folder the dataset's folder name under {@code $SELFSUP_DATA} and the user cache
 * @param checksums file base name → checksum ({@link DatasetLocator})
 * @param systemDir where a system package installs the files
 * @param downloadBase the download address
 * @param classNames the class names, by label
 * @param installHint what to do when nothing is found
 */
public record LocatedIdxFormat(String name, String folder, Map<String, String> checksums, Path systemDir,
        String downloadBase, List<String> classNames, String installHint) implements DatasetFormat {
    private static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /**
     * @param explicit an explicit folder, or {@code null}
     * @return the locator with the standard order ({@code SELFSUP_NO_DOWNLOAD} set: no download)
     */
    public DatasetLocator locator(Path explicit) {
        Path cache = DecodedCache.root().resolve(folder);
        boolean noDownload = System.getenv("SELFSUP_NO_DOWNLOAD") != null;
        return new DatasetLocator(folder, FILES, checksums, explicit, System.getenv("SELFSUP_DATA"), cache, systemDir,
                noDownload ? null : downloadBase, installHint);
    }

    @Override
    public Splits load(DataSpec spec) {
        Path dir = locator(spec.path().isEmpty() ? null : Path.of(spec.path())).locate();
        return IdxDataset.read(dir, "train", "t10k", classNames);
    }
}
