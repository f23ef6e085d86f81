package org.selfsup4j.data;

import java.nio.file.Path;

/**
 * A way to read a dataset named by a recipe's {@code data.dataset}: Fashion-MNIST's IDX files today.
 * A new format is one class implementing this interface plus one {@link Datasets#register} line
 * (in {@link Datasets} itself for a shipped format, or in the user's code before recipes are loaded).
 */
public interface DatasetFormat {
    /** @return the name a recipe gives in {@code data.dataset}, snake_case */
    String name();

    /**
     * Locates and reads both splits.
     *
     * @param explicit the recipe's {@code data.path}, or {@code null} to resolve the files the format's
     *     own way (environment, cache, system folder, download)
     * @return the splits
     * @throws org.selfsup4j.core.SelfsupException when the files are missing or malformed
     */
    Splits load(Path explicit);
}
