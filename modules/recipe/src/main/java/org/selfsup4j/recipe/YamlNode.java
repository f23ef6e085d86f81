package org.selfsup4j.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it came from ({@code file:line}, or {@code --set key} for overrides), so
 * that every recipe error can point at its line.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {
    /** @return where the value was written, e.g. {@code recipes/q.yaml:12} */
    String where();

    /**
     * A scalar: its text and whether YAML saw it as a string, a number, a boolean or null.
     *
     * @param text the text as written
     * @param kind the YAML kind
     * @param where the place
     */
    record Scalar(String text, Kind kind, String where) implements YamlNode {}

    /**
     * A list.
     *
     * @param items the items
     * @param where the place
     */
    record Sequence(List<YamlNode> items, String where) implements YamlNode {}

    /**
     * A map in document order, with where each key was written.
     *
     * @param entries key → value
     * @param keyWhere key → where the key was written
     * @param where the place
     */
    record Mapping(LinkedHashMap<String, YamlNode> entries, Map<String, String> keyWhere, String where)
            implements YamlNode {}

    /** Scalar kinds. */
    enum Kind {
        /** a string */
        STRING,
        /** an integer */
        INT,
        /** a floating-point number */
        FLOAT,
        /** true or false */
        BOOLEAN,
        /** null or empty */
        NULL
    }
}
