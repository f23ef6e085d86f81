package org.selfsup4j.data;

import java.util.Set;

/**
 * A way to read a dataset named by a recipe's {@code data.dataset}. A new format is one class
 * implementing this interface plus one {@link Datasets#register} line (in {@link Datasets} itself for
 * a shipped format, or in the user's code before recipes are loaded).
 */
public interface DatasetFormat {
    /** @return the name a recipe gives in {@code data.dataset}, snake_case */
    String name();

    /**
     * The {@link DataSpec} options this format reads beyond {@code dataset}, {@code path},
     * {@code limit} and {@code pretrain_split}; the others must keep their defaults.
     *
     * @return snake_case option names, by default none
     */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Locates and reads the splits.
     *
     * @param spec the recipe's data section ({@code spec.path()} empty: resolve the files the format's
     *     own way, or refuse when the format needs a path)
     * @return the splits
     * @throws org.selfsup4j.core.SelfsupException when the files are missing or malformed
     */
    Splits load(DataSpec spec);
}
