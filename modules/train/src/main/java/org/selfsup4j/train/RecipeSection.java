package org.selfsup4j.train;

import java.util.List;

/**
 * A part of a recipe that a training method may or may not read ({@link MethodSpec#reads()}). A recipe
 * that writes a part its method does not read is refused at bind time, and {@code resolved-recipe.yaml}
 * leaves such parts out, so a run's record holds only what ran. The other sections ({@code name},
 * {@code seed}, {@code device}, {@code data}, {@code method}, {@code model.encoder}, {@code train},
 * {@code eval}) are read by every method.
 */
public enum RecipeSection {
    /** {@code augment}: the views (and the inference normalisation) */
    AUGMENT("augment"),
    /** {@code loss}: the loss on the projections */
    LOSS("loss"),
    /** {@code model.head}: the projection head g */
    HEAD("model.head"),
    /** {@code model.predictor}: the predictor q of BYOL / SimSiam */
    PREDICTOR("model.predictor"),
    /** {@code optimizer}: gradient steps and their schedule */
    OPTIMIZER("optimizer");

    private final String key;
    private final List<String> path;

    RecipeSection(String key) {
        this.key = key;
        this.path = List.of(key.split("\\."));
    }

    /** @return the dotted key path in a recipe, e.g. {@code model.head} */
    public String key() {
        return key;
    }

    /** @return the key path's parts, e.g. {@code [model, head]} */
    public List<String> path() {
        return path;
    }

    /**
     * @param keyPath a dotted key path, e.g. {@code loss.temperature} of a {@code --set}
     * @return whether it is this section or lies inside it
     */
    public boolean holds(String keyPath) {
        return keyPath.equals(key) || keyPath.startsWith(key + ".");
    }
}
