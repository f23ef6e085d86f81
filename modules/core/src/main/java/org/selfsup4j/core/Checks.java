package org.selfsup4j.core;

import java.util.Arrays;

/**
 * Argument checks that throw {@link SelfsupException} in the house format. Specs call these in their
 * compact constructors with {@code where} set to the field name and an empty {@code what}
 * ({@code "temperature: must be a finite number > 0, found -1.0"}), so the recipe binder can re-locate
 * the error to {@code file:line} with the full key ({@link SelfsupException#relocate}).
 */
public final class Checks {
    private Checks() {}

    /**
     * Requires {@code value > 0}.
     *
     * @param where the field name
     * @param value the value
     * @return the value
     */
    public static double positive(String where, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw SelfsupException.of(where, "", "a finite number > 0", value, null);
        }
        return value;
    }

    /**
     * Requires a finite {@code value >= 0}.
     *
     * @param where the field name
     * @param value the value
     * @return the value
     */
    public static double nonNegative(String where, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw SelfsupException.of(where, "", "a finite number >= 0", value, null);
        }
        return value;
    }

    /**
     * Requires {@code value >= min}.
     *
     * @param where the field name
     * @param value the value
     * @param min the inclusive lower bound
     * @return the value
     */
    public static long atLeast(String where, long value, long min) {
        if (value < min) {
            throw SelfsupException.of(where, "", "an integer >= " + min, value, null);
        }
        return value;
    }

    /**
     * Requires {@code min <= value <= max} and a finite value.
     *
     * @param where the field name
     * @param value the value
     * @param min inclusive lower bound
     * @param max inclusive upper bound
     * @return the value
     */
    public static double inRange(String where, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw SelfsupException.of(where, "", "in [" + min + ", " + max + "]", value, null);
        }
        return value;
    }

    /**
     * Requires an ordered range {@code lo <= hi}.
     *
     * @param where the field name
     * @param lo the lower end
     * @param hi the upper end
     */
    public static void ordered(String where, double lo, double hi) {
        if (!(lo <= hi)) {
            throw SelfsupException.of(where, "", "ordered as [low, high]", "[" + lo + ", " + hi + "]", null);
        }
    }

    /**
     * Requires two shapes to be equal; the message names both tensors and both shapes.
     *
     * @param where the operation
     * @param nameA the first tensor's name
     * @param shapeA its shape
     * @param nameB the second tensor's name
     * @param shapeB its shape
     */
    public static void sameShape(String where, String nameA, long[] shapeA, String nameB, long[] shapeB) {
        if (!Arrays.equals(shapeA, shapeB)) {
            throw new SelfsupException(where, "shape of " + nameA + " " + Arrays.toString(shapeA)
                    + " must equal shape of " + nameB + ", found " + Arrays.toString(shapeB));
        }
    }

    /**
     * Requires a condition, with the message parts of the house format.
     *
     * @param condition what must hold
     * @param where the place
     * @param what the thing checked
     * @param constraint what it must be
     * @param found what was found
     */
    public static void require(boolean condition, String where, String what, String constraint, Object found) {
        if (!condition) {
            throw SelfsupException.of(where, what, constraint, found, null);
        }
    }

    /**
     * Requires a value to be one of a closed list of names, with a "did you mean" when it is close.
     *
     * @param where the field name
     * @param value the value
     * @param allowed the allowed names
     * @return the value
     */
    public static String oneOf(String where, String value, java.util.List<String> allowed) {
        if (!allowed.contains(value)) {
            throw SelfsupException.of(where, "", "one of " + allowed, "'" + value + "'", null);
        }
        return value;
    }
}
