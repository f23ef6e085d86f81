package org.selfsup4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * The unsigned bytes of {@code count} equally sized records (images), held on the heap or
 * memory-mapped from a file, so a dataset larger than the JVM heap (or than one Java array, 2³¹ bytes)
 * is read in place: only the pages a batch touches are brought in, and the operating system may drop
 * them again.
 *
 * <p>Layout: record {@code i} is bytes {@code [i·recordSize, (i+1)·recordSize)}. A mapped file is split
 * into chunks of at most 2³⁰ bytes that each hold whole records, so one record never spans two chunks.
 */
public final class PixelBuffer {
    private static final long CHUNK_BYTES = 1L << 30;

    private final ByteBuffer[] chunks;
    private final int recordSize;
    private final int recordsPerChunk;
    private final int count;

    private PixelBuffer(ByteBuffer[] chunks, int recordSize, int recordsPerChunk, int count) {
        this.chunks = chunks;
        this.recordSize = recordSize;
        this.recordsPerChunk = recordsPerChunk;
        this.count = count;
    }

    /**
     * @param bytes the records, back to back ({@code bytes.length} a multiple of {@code recordSize})
     * @param recordSize bytes per record, ≥ 1
     * @return a buffer over the array (not copied)
     */
    public static PixelBuffer of(byte[] bytes, int recordSize) {
        if (recordSize < 1 || bytes.length % recordSize != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not whole records of " + recordSize);
        }
        int n = bytes.length / recordSize;
        return new PixelBuffer(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, recordSize, Math.max(n, 1), n);
    }

    /**
     * Maps {@code count} records of a file, read-only.
     *
     * @param file the file
     * @param offset where record 0 starts
     * @param count the number of records
     * @param recordSize bytes per record
     * @return the mapped buffer
     * @throws SelfsupException when the file is shorter than the records or cannot be mapped
     */
    public static PixelBuffer map(Path file, long offset, int count, int recordSize) {
        return map(file, offset, count, recordSize, CHUNK_BYTES);
    }

    /** {@link #map(Path, long, int, int)} with chunks of at most {@code chunkBytes} (tests use small ones). */
    static PixelBuffer map(Path file, long offset, int count, int recordSize, long chunkBytes) {
        long need = offset + (long) count * recordSize;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < need) {
                throw SelfsupException.of(file.toString(), "file size", ">= " + need + " bytes (" + count + " records of "
                        + recordSize + ")", ch.size() + " bytes", "the file is truncated");
            }
            int perChunk = (int) Math.max(1, chunkBytes / recordSize);
            List<ByteBuffer> chunks = new ArrayList<>();
            for (long first = 0; first < count; first += perChunk) {
                long records = Math.min(perChunk, count - first);
                chunks.add(ch.map(FileChannel.MapMode.READ_ONLY, offset + first * recordSize, records * recordSize));
            }
            if (chunks.isEmpty()) {
                chunks.add(ByteBuffer.allocate(0));
            }
            return new PixelBuffer(chunks.toArray(ByteBuffer[]::new), recordSize, perChunk, count);
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "file", "readable and mappable", e.getClass().getSimpleName(), null);
        }
    }

    /** @return the number of records */
    public int count() {
        return count;
    }

    /** @return bytes per record */
    public int recordSize() {
        return recordSize;
    }

    /** @return whether the records live in a mapped file rather than on the heap */
    public boolean mapped() {
        return chunks.length > 1 || chunks[0].isDirect();
    }

    /**
     * Copies record {@code i} into {@code dst}.
     *
     * @param i the record, in {@code [0, count)}
     * @param dst the destination
     * @param off where in {@code dst}
     */
    public void get(int i, byte[] dst, int off) {
        ByteBuffer chunk = chunks[i / recordsPerChunk];
        chunk.get((i % recordsPerChunk) * recordSize, dst, off, recordSize);
    }

    /**
     * @param i a record
     * @param j a byte within it
     * @return byte {@code j} of record {@code i}, unsigned
     */
    public int unsigned(int i, int j) {
        return chunks[i / recordsPerChunk].get((i % recordsPerChunk) * recordSize + j) & 0xFF;
    }

    /**
     * @param n how many records to keep, ≤ {@link #count()}
     * @return the first {@code n} records, sharing this buffer's memory
     */
    public PixelBuffer prefix(int n) {
        return new PixelBuffer(chunks, recordSize, recordsPerChunk, Math.min(n, count));
    }
}
