package org.selfsup4j.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;

/**
 * Writes a recipe with every value resolved (defaults included), as {@code resolved-recipe.yaml}.
 * Loading the output gives back an equal {@link Recipe}.
 */
public final class RecipeWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private RecipeWriter() {}

    /**
     * @param recipe the recipe
     * @return its YAML text
     */
    public static String toYaml(Recipe recipe) {
        return toYaml("resolved by selfsup4j: every value, defaults included", recipe);
    }

    /**
     * Writes any spec record the way recipes are written (snake_case keys, {@code type} names).
     *
     * @param comment the first line's comment, without {@code #}
     * @param spec a spec record
     * @return its YAML text
     */
    public static String toYaml(String comment, Object spec) {
        try {
            return "# " + comment + "\n" + YAML.writeValueAsString(SpecBinder.unbind(spec));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
