package org.selfsup4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Writes arrays' values to a stream and reads them back <em>into the same arrays</em>, in place, so
 * that everything holding a reference to an array (the optimizer, a momentum encoder, the training
 * loop) sees the restored values. Each array is stored as its type, rank, dimensions and values;
 * reading checks type and shape against the target. float32 and int32 arrays only.
 */
public final class ArrayIO {
    private static final long UPLOAD_BLOCK_FLOATS = 2L << 20;
    private ArrayIO() {}

    /**
     * @param out the stream
     * @param arrays the arrays, in order
     * @throws IOException if writing fails
     */
    public static void write(DataOutputStream out, List<NDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (NDArray a : arrays) {
            DataType type = supported(a.getDataType(), "array");
            out.writeUTF(type.name());
            long[] dims = a.getShape().getShape();
            out.writeInt(dims.length);
            for (long d : dims) {
                out.writeLong(d);
            }
            if (type == DataType.FLOAT32) {
                for (float v : a.toFloatArray()) {
                    out.writeFloat(v);
                }
            } else {
                for (int v : a.toIntArray()) {
                    out.writeInt(v);
                }
            }
        }
    }

    /**
     * Reads what {@link #write} wrote into {@code arrays}, which must match in number, type and shape.
     *
     * @param in the stream
     * @param arrays the targets, in the order written
     * @param where names the source in errors
     * @param what names the arrays in errors (e.g. "network parameters")
     * @throws IOException if reading fails
     */
    public static void readInto(DataInputStream in, List<NDArray> arrays, String where, String what) throws IOException {
        int n = in.readInt();
        if (n != arrays.size()) {
            throw SelfsupException.of(where, what, arrays.size() + " arrays", n, "was the recipe changed?");
        }
        for (int i = 0; i < n; i++) {
            NDArray target = arrays.get(i);
            String type = in.readUTF();
            if (!type.equals(target.getDataType().name())) {
                throw SelfsupException.of(where, what + " #" + i, "of type " + target.getDataType(), type, null);
            }
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw SelfsupException.of(where, what + " #" + i, "of rank " + target.getShape().dimension(), rank, null);
            }
            long[] dims = new long[rank];
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readLong();
            }
            Shape shape = new Shape(dims);
            if (!shape.equals(target.getShape())) {
                throw SelfsupException.of(where, what + " #" + i, "shape " + target.getShape(), shape,
                        "was the recipe changed?");
            }
            int size = Math.toIntExact(shape.size());
            if (target.getDataType() == DataType.FLOAT32) {
                float[] v = new float[size];
                for (int k = 0; k < size; k++) {
                    v[k] = in.readFloat();
                }
                overwrite(target, v);
            } else {
                int[] v = new int[size];
                for (int k = 0; k < size; k++) {
                    v[k] = in.readInt();
                }
                overwrite(target, v);
            }
        }
    }

    /**
     * Writes values into an array's own memory. Unlike DJL's {@code NDArray.set(float[])}, which on the
     * PyTorch engine re-points the tensor at a Java buffer that the garbage collector later frees (the
     * tensor then reads and writes freed memory), this copies.
     *
     * @param target an array of rank ≥ 1
     * @param values its new values, row-major
     */
    public static void overwrite(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            copy(source, target);
        }
    }

    /**
     * {@link #overwrite(NDArray, float[])} for an int32 array.
     *
     * @param target an array of rank ≥ 1
     * @param values its new values, row-major
     */
    public static void overwrite(NDArray target, int[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            copy(source, target);
        }
    }

    /**
     * Creates a large array from host floats in row blocks of at most 8 MiB. {@code NDManager.create(float[])}
     * stages the whole array in one direct buffer that lives as long as the array, which fails past the
     * JVM's direct-memory cap ({@code -XX:MaxDirectMemorySize}, 256 MiB in the launcher) for, say,
     * 60,000 × 1,024 floats. Here the array is allocated by the engine and each block is copied in and closed
     * at once, so only a block's buffer is staged at a time.
     *
     * @param manager where the array lives
     * @param values row-major values
     * @param shape the shape; its first axis is cut into blocks
     * @return the array, attached to {@code manager}
     */
    public static NDArray upload(NDManager manager, float[] values, Shape shape) {
        long rows = shape.get(0);
        long rowSize = rows == 0 ? 1 : shape.size() / rows;
        int perBlock = (int) Math.max(1, UPLOAD_BLOCK_FLOATS / Math.max(1, rowSize));
        if (rows <= perBlock) {
            return manager.create(values, shape);
        }
        NDArray whole = manager.zeros(shape, DataType.FLOAT32);
        for (long r = 0; r < rows; r += perBlock) {
            long n = Math.min(perBlock, rows - r);
            float[] part = java.util.Arrays.copyOfRange(values, (int) (r * rowSize), (int) ((r + n) * rowSize));
            try (NDArray block = manager.create(part, new Shape(n).addAll(shape.slice(1)))) {
                whole.set(new NDIndex(r + ":" + (r + n)), block);
            }
        }
        return whole;
    }

    private static void copy(NDArray source, NDArray target) {
        if (target.getShape().dimension() == 0) {
            throw new SelfsupException("array", "rank must be at least 1 to be overwritten in place, found 0");
        }
        target.set(new NDIndex(":"), source.toDevice(target.getDevice(), false));
    }

    private static DataType supported(DataType t, String what) {
        if (t != DataType.FLOAT32 && t != DataType.INT32) {
            throw new SelfsupException(what, "type must be float32 or int32, found " + t);
        }
        return t;
    }
}
