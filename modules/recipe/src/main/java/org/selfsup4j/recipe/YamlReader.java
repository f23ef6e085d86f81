package org.selfsup4j.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SelfsupException;

/**
 * Parses YAML text into {@link YamlNode}s that remember their line. Only plain data is produced: no
 * tags are honoured and no class is ever instantiated from the text. Duplicate keys are errors.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final int MAX_DEPTH = 64;

    private YamlReader() {}

    /**
     * @param text the YAML text
     * @param source the file name used in {@code where}
     * @return the document's root (a null scalar for an empty document)
     */
    public static YamlNode parse(String text, String source) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode.Scalar("", YamlNode.Kind.NULL, source + ":1");
            }
            YamlNode root = read(p, source, 0);
            if (p.nextToken() != null) {
                throw SelfsupException.of(source + ":" + p.currentLocation().getLineNr(), "recipe", "one YAML document",
                        "more content after the first document", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().split("\n")[0];
            throw SelfsupException.of(source + ":" + line, "recipe", "valid YAML", "a syntax error (" + msg + ")", null);
        } catch (IOException e) {
            throw SelfsupException.of(source, "recipe", "readable", e.getClass().getSimpleName(), null);
        }
    }

    private static YamlNode read(JsonParser p, String source, int depth) throws IOException {
        String where = source + ":" + p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw SelfsupException.of(where, "recipe nesting", "at most " + MAX_DEPTH + " levels", "deeper", null);
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, String> keyWhere = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String kw = source + ":" + p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw SelfsupException.of(kw, "key '" + key + "'", "unique in its section",
                                "a second '" + key + "' (first at " + keyWhere.get(key) + ")", null);
                    }
                    p.nextToken();
                    entries.put(key, read(p, source, depth + 1));
                    keyWhere.put(key, kw);
                }
                return new YamlNode.Mapping(entries, keyWhere, where);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, source, depth + 1));
                }
                return new YamlNode.Sequence(items, where);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.INT, where);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.FLOAT, where);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.BOOLEAN, where);
            case VALUE_NULL:
                return new YamlNode.Scalar("", YamlNode.Kind.NULL, where);
            default:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.STRING, where);
        }
    }
}
