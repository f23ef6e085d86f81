package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each binary format read back pixel-exact from files written byte by byte from its published layout. */
@org.junit.jupiter.api.extension.ExtendWith(PrivateCache.class)
class BinaryFormatsTest {
    @TempDir
    Path dir;

    /** Image {@code i} of the set holds the pattern of image {@code first + i}; its label is {@code label(first + i)}. */
    private static void assertPattern(ImageSet set, int first, java.util.function.IntUnaryOperator label) {
        byte[] one = new byte[set.imageSize()];
        for (int i = 0; i < set.size(); i++) {
            set.buffer().get(i, one, 0);
            assertArrayEquals(DataFiles.pattern(first + i, set.channels(), set.height(), set.width()), one, "image " + i);
            if (label != null) {
                assertEquals(label.applyAsInt(first + i), set.label(i), "label " + i);
            }
        }
    }

    @Test
    void cifar10RecordsAreLabelThenThreePlanes() throws Exception {
        Path d = dir.resolve("cifar-10-batches-bin");
        DataFiles.cifar10(d, 3, 4);
        Files.writeString(d.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        Splits s = DataSpec.of("cifar10", dir.toString()).load(); // the parent folder is accepted too
        assertEquals(List.of(3, 32, 32), s.imageShape());
        assertEquals(15, s.train().size());
        assertEquals(4, s.test().size());
        assertPattern(s.train(), 0, i -> i % 10);
        assertPattern(s.test(), 1000, i -> i % 10);
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), s.classNames());
        assertEquals(6, s.fileSha256().size());
    }

    @Test
    void cifar10WithoutNamesUsesThePublishedOnes() throws Exception {
        DataFiles.cifar10(dir, 1, 1);
        assertEquals("airplane", DataSpec.of("cifar10", dir.toString()).load().classNames().get(0));
    }

    @Test
    void cifar100ReadsTheFineOrTheCoarseLabel() throws Exception {
        DataFiles.cifar100(dir, 25, 5);
        Splits fine = DataSpec.of("cifar100", dir.toString()).load();
        assertEquals(100, fine.classNames().size());
        assertPattern(fine.train(), 0, i -> i % 100);
        assertPattern(fine.test(), 1000, i -> i % 100);
        Files.writeString(dir.resolve("coarse_label_names.txt"), String.join("\n", java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "super" + i).toList()));
        DataSpec coarseSpec = new DataSpec("cifar100", dir.toString(), 0, "train", "coarse", 0, 3, 0.2, 0, "skip");
        Splits coarse = coarseSpec.load();
        assertEquals(20, coarse.train().numClasses());
        assertEquals("super19", coarse.classNames().get(19));
        assertPattern(coarse.train(), 0, i -> i % 20);
    }

    @Test
    void stl10IsTransposedFromColumnMajorAndKeepsItsUnlabelledSplit() throws Exception {
        DataFiles.stl10(dir.resolve("stl10_binary"), 3, 2, 4);
        DataSpec spec = new DataSpec("stl10", dir.toString(), 0, "unlabeled", "fine", 0, 3, 0.2, 0, "skip");
        Splits s = spec.load();
        assertEquals(List.of(3, 96, 96), s.imageShape());
        assertPattern(s.train(), 0, i -> i % 10);
        assertPattern(s.test(), 1000, i -> i % 10);
        assertPattern(s.unlabeled(), 5000, null);
        assertFalse(s.unlabeled().labelled());
        assertTrue(s.train().buffer().mapped());
        assertEquals(4, spec.pretrainImages(s).size());
        assertEquals("airplane", s.classNames().get(0));
        // the per-channel statistics stored in the cache equal a direct pass over the pixels
        ChannelStats direct = ChannelStats.of(s.train());
        assertEquals(direct, s.stats("train"));
        // a second load maps the same entry
        Splits again = spec.load();
        assertEquals(s.fingerprint(), again.fingerprint());
    }

    @Test
    void idxWithThreeChannelsTwelveClassesAndNames() throws Exception {
        int n = 6;
        byte[] chw = new byte[n * 3 * 5 * 4];
        byte[] hwc = new byte[chw.length];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i * 2);
            System.arraycopy(DataFiles.pattern(i, 3, 5, 4), 0, chw, i * 60, 60);
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < 5; r++) {
                    for (int x = 0; x < 4; x++) {
                        hwc[i * 60 + (r * 4 + x) * 3 + c] = (byte) DataFiles.px(i, c, r, x);
                    }
                }
            }
        }
        // train: channels-first, plain (memory-mapped); test: channels-last, gzipped
        DataFiles.idx(dir.resolve("train-images-idx3-ubyte"), new int[] {n, 3, 5, 4}, chw, false);
        DataFiles.idx(dir.resolve("train-labels-idx1-ubyte"), new int[] {n}, y, false);
        DataFiles.idx(dir.resolve("test-images-idx3-ubyte.gz"), new int[] {n, 5, 4, 3}, hwc, true);
        DataFiles.idx(dir.resolve("test-labels-idx1-ubyte.gz"), new int[] {n}, y, true);
        Files.writeString(dir.resolve("classes.txt"), String.join("\n", java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "class " + i).toList()) + "\n");
        Splits s = DataSpec.of("idx", dir.toString()).load();
        assertEquals(12, s.classNames().size());
        assertTrue(s.train().buffer().mapped());
        assertFalse(s.test().buffer().mapped());
        assertPattern(s.train(), 0, i -> i * 2);
        assertPattern(s.test(), 0, i -> i * 2);
        assertNull(s.unlabeled());
    }

    @Test
    void mnistIsReadFromAnExplicitFolder() throws Exception {
        byte[] px = new byte[2 * 28 * 28];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(DataFiles.pattern(i, 1, 28, 28), 0, px, i * 784, 784);
        }
        for (String p : List.of("train", "t10k")) {
            DataFiles.idx(dir.resolve(p + "-images-idx3-ubyte.gz"), new int[] {2, 28, 28}, px, true);
            DataFiles.idx(dir.resolve(p + "-labels-idx1-ubyte.gz"), new int[] {2}, new byte[] {7, 9}, true);
        }
        Splits s = DataSpec.of("mnist", dir.toString()).load();
        assertPattern(s.train(), 0, i -> i == 0 ? 7 : 9);
        assertEquals("9", s.classNames().get(9));
    }

    @Test
    void aPlainIdxFileIsMappedNotCopied() throws Exception {
        int n = 3;
        byte[] px = new byte[n * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        Path f = dir.resolve("img");
        DataFiles.idx(f, new int[] {n, 2, 2}, px, false);
        PixelBuffer b = PixelBuffer.map(f, IdxReader.dataOffset(IdxReader.plainHeader(f)), n, 4);
        byte[] one = new byte[4];
        b.get(2, one, 0);
        assertArrayEquals(new byte[] {8, 9, 10, 11}, one);
        assertEquals(2, b.prefix(2).count());
        assertEquals(11, b.unsigned(2, 3));
        // chunks of 2 records (as the 1 GiB chunks of a large file): every record read whole across chunk ends
        PixelBuffer chunked = PixelBuffer.map(f, IdxReader.dataOffset(IdxReader.plainHeader(f)), n, 4, 8);
        assertTrue(chunked.mapped());
        for (int i = 0; i < n; i++) {
            chunked.get(i, one, 0);
            assertArrayEquals(new byte[] {(byte) (4 * i), (byte) (4 * i + 1), (byte) (4 * i + 2), (byte) (4 * i + 3)}, one);
        }
    }

    @Test
    void aLargeFileIsHashedOncePerVersion() throws Exception {
        Path f = dir.resolve("big.bin");
        byte[] b = new byte[(64 << 20) + 1];
        b[12345] = 7;
        Files.write(f, b);
        String h = DecodedCache.sha256(f);
        assertEquals(org.selfsup4j.core.Hashing.sha256(b), h);
        try (var memo = Files.list(DecodedCache.root().resolve("hashes"))) {
            assertEquals(1, memo.count());
        }
        assertEquals(h, DecodedCache.sha256(f));
        b[0] = 1;
        Files.write(f, java.util.Arrays.copyOf(b, b.length + 1));
        assertEquals(org.selfsup4j.core.Hashing.sha256(Files.readAllBytes(f)), DecodedCache.sha256(f));
    }
}
