package org.selfsup4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable direct buffer for uploading float arrays to the engine.
 *
 * <p>{@code NDManager.create(float[])} copies the data into a fresh direct buffer that only the
 * garbage collector frees; at one batch per step that native memory piles up between collections
 * (eval/results/memory.md). Uploading through one buffer that grows to the largest batch and is then
 * reused keeps native memory flat. Contract: the array returned by {@link #upload} may share the
 * buffer's memory, so it must be closed (its scope closed) before the next upload, which is how a
 * training or extraction loop with one scope per step uses it. Not thread-safe.
 */
public final class StagingBuffer {
    private ByteBuffer buffer;

    /**
     * @param scope the manager the array is attached to (its device is used)
     * @param data the values, row-major; the first {@code shape.size()} are uploaded
     * @param shape the array's shape; {@code shape.size() <= data.length}
     * @return a float32 array of the given shape
     */
    public NDArray upload(NDManager scope, float[] data, Shape shape) {
        int count = Math.toIntExact(shape.size());
        if (count > data.length) {
            throw new SelfsupException("upload", "shape " + shape + " must hold at most the " + data.length
                    + " values given, found " + count);
        }
        int bytes = count * Float.BYTES;
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        buffer.asFloatBuffer().put(data, 0, count);
        buffer.limit(bytes);
        return scope.create(buffer, shape, DataType.FLOAT32);
    }
}
