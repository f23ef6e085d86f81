package org.selfsup4j.data;

/**
 * An unsigned-byte array read from an IDX file: its dimensions and its row-major data.
 *
 * @param dims the dimensions, e.g. {@code [60000, 28, 28]} for images or {@code [60000]} for labels
 * @param data the values, {@code product(dims)} bytes (read as unsigned)
 */
public record IdxArray(int[] dims, byte[] data) {
    /** @return the first dimension (the number of items) */
    public int count() {
        return dims[0];
    }

    /** @return the number of values per item (product of the other dimensions) */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }
}
