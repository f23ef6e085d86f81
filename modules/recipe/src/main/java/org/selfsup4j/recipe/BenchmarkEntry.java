package org.selfsup4j.recipe;

import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * One recipe of a benchmark suite ({@code recipes:} item of {@code eval/SUITE.yaml}).
 *
 * <pre>{@code
 * - {recipe: ../recipes/simclr-fashion-mnist.yaml}
 * - {recipe: ../recipes/kmeans-fashion-mnist.yaml, label: kmeans-triangle, set: [model.encoder.encoding=triangle]}
 * }</pre>
 *
 * @param recipe the recipe file, relative to the suite file's folder (required)
 * @param label the row name in the results, default the recipe file's name without {@code -fashion-mnist.yaml}
 * @param set {@code key=value} overrides for this recipe only, applied after the suite's, default none
 */
public record BenchmarkEntry(String recipe, String label, List<String> set) {
    /** Validates the fields; an absent {@code set} is empty. */
    public BenchmarkEntry {
        if (recipe == null || recipe.isBlank()) {
            throw SelfsupException.of("recipe", "", "a recipe file", "nothing", null);
        }
        if (label != null && !label.isEmpty() && !label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,47}")) {
            throw SelfsupException.of("label", "", "letters, digits, '.', '_' or '-' (at most 48)", "'" + label + "'", null);
        }
        set = set == null ? List.of() : List.copyOf(set);
    }

    /** @return the label, or the name derived from the recipe file */
    public String name() {
        if (label != null && !label.isEmpty()) {
            return label;
        }
        String file = recipe.replace('\\', '/');
        return file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "").replaceFirst("-fashion-mnist$", "");
    }
}
