package org.selfsup4j.data;

import java.nio.file.Path;
import org.selfsup4j.core.Checks;

/**
 * The recipe's {@code data} section.
 *
 * @param dataset the dataset format's name ({@link Datasets}), default {@code fashion_mnist}
 * @param path an explicit folder holding the files, or empty to resolve it (see {@link DatasetLocator})
 * @param limit use only the first {@code limit} training images, default 60000 (all)
 */
public record DataSpec(String dataset, String path, int limit) {
    /** Validates every field. */
    public DataSpec {
        Datasets.format(dataset);
        path = path == null ? "" : path;
        Checks.atLeast("limit", limit, 1);
    }

    /** @return Fashion-MNIST, resolved automatically, all 60,000 training images */
    public static DataSpec defaults() {
        return new DataSpec("fashion_mnist", "", 60000);
    }

    /** @return both splits, read by the dataset's format from {@code path} or from where the format looks */
    public Splits load() {
        return Datasets.format(dataset).load(path.isEmpty() ? null : Path.of(path));
    }
}
