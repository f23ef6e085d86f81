package org.selfsup4j.core;

/**
 * The one error type users see. Its message follows the house format
 * {@code <where>: <what> must be <constraint>, found <value>; <hint>} (DESIGN.md principle 9), so the
 * command line prints {@link #getMessage()} as one line and exits with status 2.
 *
 * <p>{@code where} names the place: a file with its line ({@code recipes/x.yaml:12}), a recipe key
 * ({@code loss.temperature}), a tensor pair or a command. {@link #at(String)} re-locates an error,
 * which is how a spec's own validation ({@code where = "temperature"}) becomes a recipe error that
 * carries {@code file:line}.
 */
public final class SelfsupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_FOUND = 120;

    private final String where;
    private final String detail;

    /**
     * Creates an error from its place and its detail (the text after {@code "<where>: "}).
     *
     * @param where the place the error is about
     * @param detail what is wrong, normally {@code "<what> must be <constraint>, found <value>; <hint>"}
     */
    public SelfsupException(String where, String detail) {
        this(where, detail, null);
    }

    /**
     * Creates an error that keeps its cause for debugging (never printed to users).
     *
     * @param where the place the error is about
     * @param detail what is wrong
     * @param cause the underlying exception, or {@code null}
     */
    public SelfsupException(String where, String detail, Throwable cause) {
        super(oneLine(where) + ": " + oneLine(detail), cause);
        this.where = oneLine(where);
        this.detail = oneLine(detail);
    }

    /**
     * Builds an error in the full house format.
     *
     * @param where the place
     * @param what the thing that is wrong (a key, a value, a tensor)
     * @param constraint what it must be
     * @param found what was found
     * @param hint how to fix it, or {@code null} for none
     * @return the error
     */
    public static SelfsupException of(String where, String what, String constraint, Object found, String hint) {
        String shown = String.valueOf(found);
        if (shown.length() > MAX_FOUND) {
            shown = shown.substring(0, MAX_FOUND) + "…";
        }
        String text = (what == null || what.isEmpty() ? "" : what + " ") + "must be " + constraint + ", found " + shown;
        if (hint != null && !hint.isEmpty()) {
            text += "; " + hint;
        }
        return new SelfsupException(where, text);
    }

    /**
     * Re-locates an error raised by a spec's own validation to a recipe key: {@code where} becomes
     * {@code file:line} and the key is put in front of the detail
     * ({@code "q.yaml:7: loss.temperature must be a finite number > 0, found -1.0"}).
     *
     * @param newWhere the new place, e.g. {@code recipes/q.yaml:7}
     * @param key the full recipe key, e.g. {@code loss.temperature}
     * @return the re-located error
     */
    public SelfsupException relocate(String newWhere, String key) {
        String sep = detail.startsWith("must be") ? " " : ": ";
        return new SelfsupException(newWhere, key + sep + detail, getCause());
    }

    /**
     * Keeps a message on one line whatever a file or a flag put in it: line breaks, tabs and other
     * control characters are written as Java escapes (a backslash and n, or u and four hex digits).
     */
    private static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @return the place this error is about */
    public String where() {
        return where;
    }

    /** @return the text after {@code "<where>: "} */
    public String detail() {
        return detail;
    }

    /**
     * Returns the same error at another place.
     *
     * @param newWhere the new place, for example {@code recipe.yaml:14}
     * @return a copy with {@code where} replaced
     */
    public SelfsupException at(String newWhere) {
        return new SelfsupException(newWhere, detail, getCause());
    }
}
