package org.selfsup4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.selfsup4j.core.SelfsupException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzipped (detected by the gzip magic).
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type these datasets
 * use), the number of dimensions {@code d} (1–4), {@code d} big-endian 32-bit sizes, then the data.
 * Checked: the magic, the type, the dimension count, every size (≥ 1, product ≤ 2³¹−1), that the data
 * is complete and that nothing follows it. Memory grows only with the bytes actually present, so a
 * header that lies about its size cannot exhaust memory.
 */
public final class IdxReader {
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final long MAX_MAPPED = 1L << 40;

    private IdxReader() {}

    /**
     * Reads one IDX file.
     *
     * @param file the file
     * @return its dimensions and data
     */
    public static IdxArray read(Path file) {
        String where = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
            return read(in, where);
        } catch (NoSuchFileException e) {
            throw SelfsupException.of(where, "IDX file", "present", "no such file", null);
        } catch (ZipException | EOFException e) {
            throw SelfsupException.of(where, "gzip stream", "complete and valid", "a corrupt or truncated stream",
                    "download the file again");
        } catch (IOException e) {
            throw SelfsupException.of(where, "IDX file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * Reads the header of a plain (not gzipped) IDX file whose data can then be memory-mapped, checking
     * the same things as {@link #read(Path)} and that the file holds exactly the data the header declares.
     *
     * @param file the file
     * @return its dimensions, or {@code null} when the file is gzipped (read it with {@link #read(Path)})
     */
    public static int[] plainHeader(Path file) {
        String where = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return null;
            }
            int[] dims = header(new DataInputStream(raw), where, MAX_MAPPED);
            long expected = dataOffset(dims) + product(dims);
            long size = Files.size(file);
            if (size != expected) {
                throw SelfsupException.of(where, "IDX data length", product(dims) + " bytes for dimensions "
                        + Arrays.toString(dims), (size - dataOffset(dims)) + " bytes", size < expected
                        ? "the file is truncated" : "the header does not match the file");
            }
            return dims;
        } catch (NoSuchFileException e) {
            throw SelfsupException.of(where, "IDX file", "present", "no such file", null);
        } catch (IOException e) {
            throw SelfsupException.of(where, "IDX file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * @param dims an IDX file's dimensions
     * @return where its data starts: 4 bytes of magic plus 4 per dimension
     */
    public static long dataOffset(int[] dims) {
        return 4 + 4L * dims.length;
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    /**
     * Reads IDX content from a stream.
     *
     * @param in the (decompressed) stream
     * @param where the name used in errors
     * @return its dimensions and data
     * @throws IOException if the stream fails
     */
    public static IdxArray read(InputStream in, String where) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int[] dims = header(data, where, MAX_VALUES);
        long total = product(dims);
        byte[] values = data.readNBytes((int) total);
        if (values.length < total) {
            throw SelfsupException.of(where, "IDX data length", total + " bytes for dimensions " + Arrays.toString(dims),
                    values.length + " bytes", "the file is truncated");
        }
        if (data.read() != -1) {
            throw SelfsupException.of(where, "IDX data length", total + " bytes for dimensions " + Arrays.toString(dims),
                    "more bytes after the data", "the header does not match the file");
        }
        return new IdxArray(dims, values);
    }

    private static int[] header(DataInputStream data, String where, long maxValues) throws IOException {
        byte[] header = data.readNBytes(4);
        if (header.length < 4) {
            throw SelfsupException.of(where, "IDX header", "4 bytes", header.length + " bytes", "the file is truncated");
        }
        if (header[0] != 0 || header[1] != 0) {
            throw SelfsupException.of(where, "IDX magic", "two zero bytes", String.format("0x%02x%02x", header[0], header[1]),
                    "this is not an IDX file");
        }
        if (header[2] != 0x08) {
            throw SelfsupException.of(where, "IDX type", "0x08 (unsigned byte)", String.format("0x%02x", header[2]), null);
        }
        int ndims = header[3];
        if (ndims < 1 || ndims > 4) {
            throw SelfsupException.of(where, "IDX dimension count", "between 1 and 4", ndims, null);
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            byte[] b = data.readNBytes(4);
            if (b.length < 4) {
                throw SelfsupException.of(where, "IDX header", "complete", "end of file in dimension " + i, "the file is truncated");
            }
            dims[i] = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (dims[i] < 1) {
                throw SelfsupException.of(where, "IDX dimension " + i, ">= 1", dims[i], null);
            }
            total *= dims[i];
            if (total > maxValues) {
                throw SelfsupException.of(where, "IDX size", "<= " + maxValues + " values", Arrays.toString(dims),
                        maxValues < MAX_MAPPED ? "unpack it (gunzip): a plain image file is memory-mapped and may be larger"
                        : null);
            }
        }
        return dims;
    }
}
