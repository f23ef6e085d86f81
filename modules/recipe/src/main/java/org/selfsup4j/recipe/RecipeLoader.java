package org.selfsup4j.recipe;

import java.util.Set;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.RecipeSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * Loads a recipe file, merges the files it includes ({@link RecipeIncludes}), applies
 * {@code --set a.b=value} overrides, and binds it to a {@link Recipe}. Errors point at {@code file:line}
 * of the file that holds the value (or {@code --set a.b} for an override).
 */
public final class RecipeLoader {
    private static final long MAX_BYTES = 1 << 20;

    private RecipeLoader() {}

    /**
     * @param file the recipe
     * @param overrides {@code key.path=value} strings; the value is read as YAML
     * @return the validated recipe
     */
    public static Recipe load(Path file, List<String> overrides) {
        return parse(readText(file, "recipe"), file, stem(file), overrides, file.toString());
    }

    /**
     * @param file a YAML file
     * @param what what it is, for errors ("recipe", "suite")
     * @return its text
     */
    public static String readText(Path file, String what) {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw SelfsupException.of(source, what, "at most 1 MiB", Files.size(file) + " bytes", null);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw SelfsupException.of(source, what, "an existing YAML file", "no such file", null);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw SelfsupException.of(source, what, "a readable UTF-8 file", e.getClass().getSimpleName(), null);
        }
    }

    /** @return the file name without {@code .yaml}/{@code .yml} */
    /**
     * @param file a YAML file
     * @return its name without {@code .yaml} / {@code .yml}
     */
    public static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /**
     * @param text recipe text
     * @param source the name used in errors, read as the recipe's path: its includes resolve against
     *     that path's folder
     * @param defaultName the run name when the recipe has none
     * @param overrides {@code key.path=value} strings
     * @return the validated recipe
     */
    public static Recipe parse(String text, String source, String defaultName, List<String> overrides) {
        Path file;
        try {
            file = Path.of(source);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        return parse(text, file, defaultName, overrides, source);
    }

    private static Recipe parse(String text, Path file, String defaultName, List<String> overrides, String source) {
        YamlNode root = YamlReader.parse(text, source);
        if (root instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
            root = new YamlNode.Mapping(new LinkedHashMap<>(), new HashMap<>(), source + ":1");
        }
        if (!(root instanceof YamlNode.Mapping mapping)) {
            throw SelfsupException.of(root.where(), "recipe", "a YAML map of sections", "a " + kind(root), null);
        }
        mapping = RecipeIncludes.expand(mapping, file);
        for (String o : overrides) {
            apply(mapping, o);
        }
        String name = defaultName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? defaultName : "run";
        Recipe recipe = (Recipe) SpecBinder.bind(Recipe.class, mapping, Recipe.defaults(name), "");
        rejectUnread(mapping, recipe.method());
        return recipe;
    }

    /**
     * Refuses a section the method does not read ({@link MethodSpec#reads()}), at the line of its key:
     * a recipe must not record settings that never ran. {@code SECTION: false} counts as absent.
     */
    private static void rejectUnread(YamlNode.Mapping root, MethodSpec method) {
        Set<RecipeSection> reads = method.reads();
        for (RecipeSection section : RecipeSection.values()) {
            if (reads.contains(section)) {
                continue;
            }
            List<String> path = section.path();
            YamlNode.Mapping m = root;
            for (int i = 0; i < path.size() && m != null; i++) {
                YamlNode child = m.entries().get(path.get(i));
                if (i < path.size() - 1) {
                    m = child instanceof YamlNode.Mapping cm ? cm : null;
                } else if (child != null && !(child instanceof YamlNode.Scalar sc
                        && (sc.kind() == YamlNode.Kind.NULL || sc.text().equals("false")))) {
                    throw SelfsupException.of(m.keyWhere().getOrDefault(path.get(i), child.where()), section.key(),
                            "absent for method '" + MethodSpec.name(method) + "'",
                            ("aeiou".indexOf(section.key().charAt(0)) >= 0 ? "an " : "a ") + section.key() + " section",
                            method.unread(section));
                }
            }
        }
    }

    /**
     * @param file a recipe
     * @return its text followed by the text of every file it includes (directly or not), in reading
     *     order: what a cached result must be keyed on; just the file's text when it includes nothing
     */
    public static String textWithIncludes(Path file) {
        List<Path> files = RecipeIncludes.files(file);
        StringBuilder out = new StringBuilder(readText(file, "recipe"));
        for (Path p : files.subList(1, files.size())) {
            out.append("\n# ").append(RecipeIncludes.KEY).append(' ').append(p.getFileName()).append('\n')
                    .append(readText(p, "included file"));
        }
        return out.toString();
    }

    /**
     * Binds a YAML text to a spec record with no defaults, the way recipe sections are bound (used for
     * the files a run writes beside its recipe, such as an exported encoder's {@code encoder.yaml}).
     *
     * @param type the spec record
     * @param text the YAML text
     * @param source the file, for messages
     * @param <T> the spec type
     * @return the bound spec
     */
    public static <T> T bindSpec(Class<T> type, String text, String source) {
        return type.cast(SpecBinder.bind(type, YamlReader.parse(text, source), null, ""));
    }

    private static void apply(YamlNode.Mapping root, String override) {
        int eq = override.indexOf('=');
        String key = eq < 0 ? override : override.substring(0, eq);
        if (eq < 0 || !key.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
            throw SelfsupException.of("--set " + override, "override", "key.path=value (e.g. train.max_steps=20)",
                    "'" + override + "'", null);
        }
        String where = "--set " + key;
        YamlNode value = relocate(YamlReader.parse("v: " + override.substring(eq + 1), where), where);
        value = ((YamlNode.Mapping) value).entries().get("v");
        String[] parts = key.split("\\.");
        YamlNode.Mapping m = root;
        for (int i = 0; i < parts.length - 1; i++) {
            YamlNode child = m.entries().get(parts[i]);
            if (child == null || child instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
                child = new YamlNode.Mapping(new LinkedHashMap<>(), new HashMap<>(), where);
                m.entries().put(parts[i], child);
                m.keyWhere().put(parts[i], where);
            }
            if (!(child instanceof YamlNode.Mapping cm)) {
                throw SelfsupException.of(where, String.join(".", List.of(parts).subList(0, i + 1)),
                        "a section to set '" + parts[i + 1] + "' in", "a " + kind(child), null);
            }
            m = cm;
        }
        m.entries().put(parts[parts.length - 1], value);
        m.keyWhere().put(parts[parts.length - 1], where);
    }

    private static YamlNode relocate(YamlNode node, String where) {
        if (node instanceof YamlNode.Mapping m) {
            LinkedHashMap<String, YamlNode> e = new LinkedHashMap<>();
            HashMap<String, String> kw = new HashMap<>();
            m.entries().forEach((k, v) -> {
                e.put(k, relocate(v, where));
                kw.put(k, where);
            });
            return new YamlNode.Mapping(e, kw, where);
        }
        if (node instanceof YamlNode.Sequence s) {
            return new YamlNode.Sequence(s.items().stream().map(i -> relocate(i, where)).toList(), where);
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        return new YamlNode.Scalar(s.text(), s.kind(), where);
    }

    private static String kind(YamlNode n) {
        return n instanceof YamlNode.Sequence ? "list" : n instanceof YamlNode.Mapping ? "section" : "single value";
    }
}
