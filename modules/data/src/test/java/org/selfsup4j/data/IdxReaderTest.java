package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.selfsup4j.core.SelfsupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    /** Builds an IDX file by hand: magic 0 0 0x08 ndims, big-endian sizes, data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsPlainAndGzipped() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6, (byte) 200, 8, 9, 10, 11, 12};
        byte[] raw = idx(new int[] {2, 3, 2}, data);
        for (Path p : new Path[] {write("a.idx", raw), write("a.idx.gz", gzip(raw))}) {
            IdxArray a = IdxReader.read(p);
            assertArrayEquals(new int[] {2, 3, 2}, a.dims());
            assertArrayEquals(data, a.data());
            assertEquals(2, a.count());
            assertEquals(6, a.itemSize());
        }
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        byte[] raw = idx(new int[] {2, 3}, new byte[6]);
        Path p = write("t.idx", Arrays.copyOf(raw, raw.length - 1));
        SelfsupException e = assertThrows(SelfsupException.class, () -> IdxReader.read(p));
        assertEquals(p + ": IDX data length must be 6 bytes for dimensions [2, 3], found 5 bytes; the file is truncated",
                e.getMessage());
    }

    @Test
    void truncatedHeaderAndGzipAreRejected() throws IOException {
        Path header = write("h.idx", new byte[] {0, 0, 8, 2, 0, 0});
        assertTrue(assertThrows(SelfsupException.class, () -> IdxReader.read(header)).getMessage()
                .contains("IDX header must be complete, found end of file in dimension 0"));
        byte[] gz = gzip(idx(new int[] {100}, new byte[100]));
        Path cut = write("c.idx.gz", Arrays.copyOf(gz, gz.length / 2));
        assertTrue(assertThrows(SelfsupException.class, () -> IdxReader.read(cut)).getMessage()
                .contains("gzip stream must be complete and valid"));
    }

    @Test
    void wrongMagicTypeAndDimsAreRejected() throws IOException {
        byte[] good = idx(new int[] {2}, new byte[] {1, 2});
        byte[] magic = good.clone();
        magic[0] = 0x50;
        assertEquals(": IDX magic must be two zero bytes, found 0x5000; this is not an IDX file",
                msg(write("m.idx", magic)));
        byte[] type = good.clone();
        type[2] = 0x0D;
        assertEquals(": IDX type must be 0x08 (unsigned byte), found 0x0d", msg(write("ty.idx", type)));
        byte[] nd = good.clone();
        nd[3] = 9;
        assertEquals(": IDX dimension count must be between 1 and 4, found 9", msg(write("nd.idx", nd)));
        assertEquals(": IDX dimension 0 must be >= 1, found 0", msg(write("z.idx", idx(new int[] {0}, new byte[0]))));
    }

    @Test
    void trailingBytesMeanWrongLengths() throws IOException {
        byte[] raw = idx(new int[] {2, 2}, new byte[5]);
        assertEquals(": IDX data length must be 4 bytes for dimensions [2, 2], found more bytes after the data; "
                + "the header does not match the file", msg(write("l.idx", raw)));
    }

    @Test
    void aLyingHeaderCannotExhaustMemory() throws IOException {
        // Claims 2,000,000,000 values but holds 10: rejected without allocating 2 GB.
        byte[] raw = idx(new int[] {20000, 100000}, new byte[10]);
        assertTrue(msg(write("big.idx", raw)).contains("found 10 bytes; the file is truncated"));
        byte[] huge = idx(new int[] {65536, 65536}, new byte[0]);
        assertTrue(msg(write("huge.idx", huge)).contains("IDX size must be <= "));
    }

    private String msg(Path p) {
        String m = assertThrows(SelfsupException.class, () -> IdxReader.read(p)).getMessage();
        assertTrue(m.startsWith(p.toString()), m);
        return m.substring(p.toString().length());
    }
}
