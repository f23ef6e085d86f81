package org.selfsup4j.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.RecipeSection;

/**
 * Writes a recipe with every value resolved (defaults included), as {@code resolved-recipe.yaml}, and
 * nothing the method does not read ({@link MethodSpec#reads()}): no loss for BYOL, no optimizer for PCA.
 * An absent predictor is left out rather than written as {@code false}. Loading the output gives back an
 * equal {@link Recipe}.
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
    @SuppressWarnings("unchecked")
    public static String toYaml(Recipe recipe) {
        Map<String, Object> tree = (Map<String, Object>) SpecBinder.unbind(recipe);
        Set<RecipeSection> reads = recipe.method().reads();
        for (RecipeSection section : RecipeSection.values()) {
            List<String> path = section.path();
            Map<String, Object> parent = path.size() == 1 ? tree : (Map<String, Object>) tree.get(path.get(0));
            String last = path.get(path.size() - 1);
            if (!reads.contains(section) || parent.get(last) == Boolean.FALSE) {
                parent.remove(last);
            }
        }
        return toYaml("resolved by selfsup4j: every value the method reads, defaults included", tree);
    }

    /**
     * Writes any spec record (or a tree already unbound) the way recipes are written (snake_case keys,
     * {@code type} names).
     *
     * @param comment the first line's comment, without {@code #}
     * @param spec a spec record, or a map of plain values
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
