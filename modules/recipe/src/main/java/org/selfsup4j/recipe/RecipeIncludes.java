package org.selfsup4j.recipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.selfsup4j.core.SelfsupException;

/**
 * Recipe composition, as Hydra's {@code defaults} list does it in solo-learn: a recipe (or a part) may
 * start with {@code include: [FILE, ...]}, paths relative to its own folder. The included files are
 * merged in order, each later one over the earlier, and the including file over all of them. Maps merge
 * key by key, deeply; any other value, and a map whose {@code type} differs from the one below it (a
 * {@code loss: {type: triplet}} over an {@code info_nce} loss), replaces what was there. Every value
 * keeps the {@code file:line} of the file that wrote it, so errors point into the part that holds it.
 * A missing file and an include cycle are errors at the {@code include} line; parts nest up to
 * {@value #MAX_DEPTH} deep.
 */
final class RecipeIncludes {
    static final String KEY = "include";
    static final int MAX_DEPTH = 8;

    private RecipeIncludes() {}

    /**
     * @param root the parsed file
     * @param file the file it came from (relative paths stay relative in messages), or {@code null} for
     *     text with no file, whose includes resolve against the working directory
     * @return the mapping with every include merged in, and no {@code include} key
     */
    static YamlNode.Mapping expand(YamlNode.Mapping root, Path file) {
        return expand(root, file, new ArrayList<>());
    }

    /** {@link #expand(YamlNode.Mapping, Path)}, adding each file read to {@code read} in reading order. */
    private static YamlNode.Mapping expand(YamlNode.Mapping root, Path file, List<Path> read) {
        Deque<Path> chain = new ArrayDeque<>();
        if (file != null) {
            chain.push(file.toAbsolutePath().normalize());
        }
        return expand(root, file == null ? null : file.getParent(), chain, read);
    }

    /**
     * @param file a recipe
     * @return the recipe and every file it includes, directly or not, in reading order
     */
    static List<Path> files(Path file) {
        List<Path> out = new ArrayList<>(List.of(file));
        if (YamlReader.parse(RecipeLoader.readText(file, "recipe"), file.toString()) instanceof YamlNode.Mapping root) {
            expand(root, file, out);
        }
        return out;
    }

    private static YamlNode.Mapping expand(YamlNode.Mapping root, Path dir, Deque<Path> chain, List<Path> read) {
        if (!root.entries().containsKey(KEY)) {
            return root;
        }
        YamlNode.Mapping base = null;
        for (Path p : targets(root, dir, chain)) {
            read.add(p);
            YamlNode parsed = YamlReader.parse(RecipeLoader.readText(p, "included file"), p.toString());
            if (!(parsed instanceof YamlNode.Mapping part)) {
                throw SelfsupException.of(parsed.where(), "included file", "a YAML map of sections", "another value",
                        null);
            }
            chain.push(p.toAbsolutePath().normalize());
            YamlNode.Mapping expanded = expand(part, p.getParent(), chain, read);
            chain.pop();
            base = base == null ? expanded : merge(base, expanded);
        }
        LinkedHashMap<String, YamlNode> own = new LinkedHashMap<>(root.entries());
        own.remove(KEY);
        YamlNode.Mapping self = new YamlNode.Mapping(own, root.keyWhere(), root.where());
        return base == null ? self : merge(base, self);
    }

    /** The files an {@code include} key names, checked: each exists and is not already being read. */
    private static List<Path> targets(YamlNode.Mapping root, Path dir, Deque<Path> chain) {
        YamlNode node = root.entries().get(KEY);
        String where = root.keyWhere().getOrDefault(KEY, node.where());
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        List<Path> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar sc) || sc.kind() != YamlNode.Kind.STRING) {
                throw SelfsupException.of(item.where(), KEY, "a list of file paths", "a non-path value", null);
            }
            Path p;
            try {
                p = (dir == null ? Path.of(sc.text()) : dir.resolve(sc.text())).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw SelfsupException.of(item.where(), KEY, "a list of file paths", "'" + sc.text() + "'", e.getReason());
            }
            if (!Files.isRegularFile(p)) {
                throw SelfsupException.of(where, KEY, "a YAML file relative to the including file's folder",
                        "no " + p, null);
            }
            Path abs = p.toAbsolutePath().normalize();
            if (chain.contains(abs)) {
                List<Path> cycle = new ArrayList<>(chain);
                java.util.Collections.reverse(cycle);
                cycle = cycle.subList(cycle.indexOf(abs), cycle.size());
                throw SelfsupException.of(where, KEY, "free of cycles", cycle.stream().map(c -> c.getFileName().toString())
                        .collect(Collectors.joining(" → ")) + " → " + p.getFileName(), null);
            }
            if (chain.size() >= MAX_DEPTH) {
                throw SelfsupException.of(where, KEY, "at most " + MAX_DEPTH + " files deep", chain.size() + 1, null);
            }
            out.add(p);
        }
        return out;
    }

    /** {@code over} merged onto {@code base}: maps deeply (same or no {@code type}), anything else replaced. */
    static YamlNode.Mapping merge(YamlNode.Mapping base, YamlNode.Mapping over) {
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>(base.entries());
        Map<String, String> keyWhere = new HashMap<>(base.keyWhere());
        for (Map.Entry<String, YamlNode> e : over.entries().entrySet()) {
            YamlNode below = entries.get(e.getKey());
            YamlNode value = e.getValue();
            if (below instanceof YamlNode.Mapping b && value instanceof YamlNode.Mapping o && sameType(b, o)) {
                value = merge(b, o);
            }
            entries.put(e.getKey(), value);
            if (over.keyWhere().containsKey(e.getKey())) {
                keyWhere.put(e.getKey(), over.keyWhere().get(e.getKey()));
            }
        }
        return new YamlNode.Mapping(entries, keyWhere, over.where());
    }

    private static boolean sameType(YamlNode.Mapping base, YamlNode.Mapping over) {
        YamlNode o = over.entries().get("type");
        YamlNode b = base.entries().get("type");
        return o == null || b == null || o instanceof YamlNode.Scalar os && b instanceof YamlNode.Scalar bs
                && os.text().equals(bs.text());
    }
}
