package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.Set;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code data} section.
 *
 * @param dataset the dataset, {@code fashion_mnist}
 * @param path an explicit folder holding the files, or empty to resolve it (see {@link DatasetLocator})
 * @param limit use only the first {@code limit} training images, default 60000 (all)
 */
public record DataSpec(String dataset, String path, int limit) {
    private static final Set<String> DATASETS = Set.of("fashion_mnist");

    /** Validates every field. */
    public DataSpec {
        if (!DATASETS.contains(dataset)) {
            throw SelfsupException.of("dataset", "", "one of " + DATASETS, "'" + dataset + "'", null);
        }
        path = path == null ? "" : path;
        Checks.atLeast("limit", limit, 1);
    }

    /** @return Fashion-MNIST, resolved automatically, all 60,000 training images */
    public static DataSpec defaults() {
        return new DataSpec("fashion_mnist", "", 60000);
    }

    /** @return the locator for this dataset */
    public DatasetLocator locator() {
        return FashionMnist.locator(path.isEmpty() ? null : Path.of(path));
    }
}
