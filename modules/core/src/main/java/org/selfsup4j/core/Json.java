package org.selfsup4j.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper of the framework: sorted keys are not imposed; output is pretty-printed. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {}

    /** @return the shared mapper (pretty output) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value a map, record or list
     * @return pretty JSON text ending in a newline
     */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param value a map, record or list
     * @return one line of JSON (for JSON Lines files)
     */
    public static String line(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param value a map, record or list
     * @return pretty JSON as UTF-8 bytes
     */
    public static byte[] prettyBytes(Object value) {
        return pretty(value).getBytes(StandardCharsets.UTF_8);
    }
}
