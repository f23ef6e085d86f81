package org.selfsup4j.probe;

import org.selfsup4j.core.SelfsupException;

/**
 * Frozen features of a labelled set: a row-major {@code (n, dim)} matrix with one label per row.
 *
 * @param values {@code n·dim} floats
 * @param n the number of rows
 * @param dim the feature dimension
 * @param labels {@code n} class labels
 * @param numClasses the number of classes
 */
public record Features(float[] values, int n, int dim, int[] labels, int numClasses) {
    /** Validates the sizes. */
    public Features {
        if ((long) n * dim != values.length || labels.length != n) {
            throw new SelfsupException("features", "shape (" + n + ", " + dim + ") must match " + values.length
                    + " values and " + labels.length + " labels");
        }
    }
}
