package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SelfsupException;

/**
 * Fuzzes the IDX reader with thousands of corrupted files (plain and gzip): flipped, inserted and
 * deleted bytes, truncations, lying headers (dimensions up to 2³¹ − 1), random files. Every one must
 * either read consistently (dimensions multiply to the data length) or fail with a clean
 * {@link SelfsupException}; never another exception, an out-of-memory or a hang.
 */
class IdxFuzzTest {
    private static final int CASES = 4000;

    @TempDir
    Path tmp;

    private static byte[] mutate(byte[] base, SplittableRandom r) {
        byte[] b = base.clone();
        switch (r.nextInt(7)) {
            case 0 -> { // flip a few bytes anywhere
                for (int k = 1 + r.nextInt(6); k > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 2 -> { // insert random bytes
                int at = r.nextInt(b.length + 1);
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                byte[] c = new byte[b.length + extra.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                b = c;
            }
            case 3 -> { // delete a run of bytes
                int at = r.nextInt(b.length);
                int n = 1 + r.nextInt(Math.min(32, b.length - at));
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                b = c;
            }
            case 4 -> { // a lying header: one dimension replaced by a large or negative value
                if (b.length >= 8 && b[3] > 0 && b[3] <= 4) {
                    int dim = r.nextInt(b[3]);
                    int v = switch (r.nextInt(4)) {
                        case 0 -> Integer.MAX_VALUE;
                        case 1 -> -1 - r.nextInt(1000);
                        case 2 -> 1 << (20 + r.nextInt(11));
                        default -> r.nextInt();
                    };
                    ByteBuffer.wrap(b).putInt(4 + 4 * dim, v);
                }
            }
            case 5 -> b[3] = (byte) r.nextInt(256); // dimension count
            default -> { // random bytes of random length
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
            }
        }
        return b;
    }

    @Test
    void corruptedFilesGiveCleanErrorsOnly() throws IOException {
        byte[] data = new byte[5 * 4 * 3];
        new SplittableRandom(0).nextBytes(data);
        byte[] plain = IdxReaderTest.idx(new int[] {5, 4, 3}, data);
        byte[] labels = IdxReaderTest.idx(new int[] {7}, new byte[] {0, 1, 2, 3, 4, 5, 6});
        SplittableRandom r = new SplittableRandom(2026);
        Path file = tmp.resolve("fuzz-idx3-ubyte");
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] base = i % 3 == 2 ? labels : plain;
                byte[] bytes = mutate(base, r);
                if (i % 2 == 1) {
                    // corrupt the compressed stream itself half of the time, or compress the corrupted file
                    bytes = r.nextBoolean() ? mutate(IdxReaderTest.gzip(base), r) : IdxReaderTest.gzip(bytes);
                }
                Files.write(file, bytes);
                try {
                    IdxArray a = IdxReader.read(file);
                    long n = 1;
                    for (int d : a.dims()) {
                        n *= d;
                    }
                    assertEquals(n, a.data().length, "case " + i + ": dimensions and data agree");
                    outcomes[0]++;
                } catch (SelfsupException e) {
                    if (e.getMessage().contains("\n")) {
                        fail("case " + i + ": one line, found " + e.getMessage());
                    }
                    outcomes[1]++;
                } catch (Throwable t) {
                    fail("case " + i + ": only SelfsupException may escape, found " + t, t);
                }
            }
        });
        assertEquals(CASES, outcomes[0] + outcomes[1]);
        System.out.printf("IDX fuzz: %d cases, %d read, %d clean errors%n", CASES, outcomes[0], outcomes[1]);
    }
}
