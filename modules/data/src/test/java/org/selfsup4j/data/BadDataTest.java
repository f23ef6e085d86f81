package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SelfsupException;

/**
 * Bad data: each case is one {@link SelfsupException} line naming the file and what is wrong, and the
 * decoded cache never holds a partial entry (every write goes to a {@code .part-} folder that is removed).
 */
@org.junit.jupiter.api.extension.ExtendWith(PrivateCache.class)
class BadDataTest {
    @TempDir
    Path dir;

    private String fails(DataSpec spec) throws Exception {
        String m = assertThrows(SelfsupException.class, spec::load).getMessage();
        assertEquals(1, m.lines().count(), m);
        assertCacheClean();
        return m;
    }

    static void assertCacheClean() throws Exception {
        Path decoded = DecodedCache.root().resolve("decoded");
        if (Files.isDirectory(decoded)) {
            try (var s = Files.list(decoded)) {
                s.forEach(p -> {
                    assertTrue(Files.isRegularFile(p.resolve("meta.json")), "a partial entry is left: " + p);
                });
            }
        }
    }

    private DataSpec images(String onBad, int size) {
        return ImageFolderTest.folder(dir, size, 1, 0, 0, onBad);
    }

    @Test
    void truncatedAndMisfitBinaryFiles() throws Exception {
        DataFiles.cifar10(dir, 2, 2);
        Path b = dir.resolve("data_batch_3.bin");
        byte[] full = Files.readAllBytes(b);
        Files.write(b, Arrays.copyOf(full, full.length - 100));
        assertTrue(fails(DataSpec.of("cifar10", dir.toString())).contains("data_batch_3.bin: file size must be a positive "
                + "multiple of the 3073-byte record"));
        Files.write(b, new byte[0]);
        assertTrue(fails(DataSpec.of("cifar10", dir.toString())).contains("the file is empty"));
        // CIFAR-100 files (3074-byte records) named as CIFAR-10
        Files.write(b, new byte[3074 * 3]);
        assertTrue(fails(DataSpec.of("cifar10", dir.toString())).contains("3073-byte record"));
        Files.write(b, full);
        Files.delete(dir.resolve("test_batch.bin"));
        assertTrue(fails(DataSpec.of("cifar10", dir.toString())).contains("test_batch.bin: file must be present"));
    }

    @Test
    void labelsOutOfRange() throws Exception {
        DataFiles.cifar10(dir, 2, 2);
        Path b = dir.resolve("data_batch_1.bin");
        byte[] bytes = Files.readAllBytes(b);
        bytes[3073] = 10;
        Files.write(b, bytes);
        assertTrue(fails(DataSpec.of("cifar10", dir.toString())).contains("label of record 1 must be in [0, 9], found 10"));

        Path stl = dir.resolve("stl");
        DataFiles.stl10(stl, 2, 2, 0);
        Files.write(stl.resolve("test_y.bin"), new byte[] {1, 11});
        assertTrue(fails(DataSpec.of("stl10", stl.toString())).contains("label 1 must be in [1, 10], found 11"));
        Files.write(stl.resolve("test_y.bin"), new byte[] {1, 2, 3});
        assertTrue(fails(DataSpec.of("stl10", stl.toString())).contains("label count must be one byte per image (2)"));
        // an oversized image file: more images than labels
        Files.write(stl.resolve("test_y.bin"), new byte[] {1, 2});
        Files.write(stl.resolve("train_X.bin"), new byte[27648 * 3]);
        assertTrue(fails(DataSpec.of("stl10", stl.toString())).contains("train_y.bin: label count must be one byte per "
                + "image (3), found 2"));

        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        DataFiles.idx(idx.resolve("train-images-idx3-ubyte"), new int[] {2, 2, 2}, new byte[8], false);
        DataFiles.idx(idx.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[] {0, 3}, false);
        DataFiles.idx(idx.resolve("t10k-images-idx3-ubyte"), new int[] {2, 2, 2}, new byte[8], false);
        DataFiles.idx(idx.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[] {0, 1}, false);
        Files.writeString(idx.resolve("classes.txt"), "a\nb\nc\n");
        assertTrue(fails(DataSpec.of("idx", idx.toString())).contains("label 1 must be in [0, 2] (3 classes), found 3"));
        // an IDX file with trailing bytes
        Files.writeString(idx.resolve("classes.txt"), "a\nb\nc\nd\n");
        Path img = idx.resolve("train-images-idx3-ubyte");
        Files.write(img, Arrays.copyOf(Files.readAllBytes(img), 4 + 12 + 8 + 5));
        assertTrue(fails(DataSpec.of("idx", idx.toString())).contains("the header does not match the file"));
    }

    @Test
    void badFolders() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        DataFiles.png(dir.resolve("full").resolve("a.png"), DataFiles.pattern(0, 1, 4, 4), 1, 4, 4);
        String m = fails(images("skip", 0));
        assertTrue(m.contains("empty: class folder must be holding at least one image"), m);
        Files.delete(dir.resolve("full").resolve("a.png"));
        Files.delete(dir.resolve("full"));
        Files.delete(dir.resolve("empty"));
        Files.writeString(dir.resolve("readme.txt"), "no images here");
        m = fails(images("skip", 0));
        assertTrue(m.contains("image folder must be holding image files"), m);
        m = fails(DataSpec.of("image_folder", dir.resolve("nowhere").toString()));
        assertTrue(m.contains("no such folder"), m);
        m = fails(DataSpec.of("image_folder", ""));
        assertTrue(m.contains("data.path: must be the folder holding the image_folder files, found none given"), m);
    }

    @Test
    void badImages() throws Exception {
        Path cls = dir.resolve("c");
        DataFiles.png(cls.resolve("good.png"), DataFiles.pattern(0, 1, 4, 4), 1, 4, 4);
        Files.write(cls.resolve("zero.png"), new byte[0]);
        assertTrue(fails(images("fail", 0)).contains("zero.png: image must be decodable"));
        Files.delete(cls.resolve("zero.png"));
        byte[] png = Files.readAllBytes(cls.resolve("good.png"));
        Files.write(cls.resolve("corrupt.png"), Arrays.copyOf(png, png.length / 2));
        assertTrue(fails(images("fail", 0)).contains("corrupt.png: image must be decodable"));
        assertEquals(1, images("skip", 0).load().train().size());
        Files.delete(cls.resolve("corrupt.png"));
        Files.write(cls.resolve("bomb.png"), bombPng(100_000, 100_000));
        assertTrue(fails(images("fail", 0)).contains("a header that declares 100000×100000 pixels, more than 89478485"));
        Files.delete(cls.resolve("bomb.png"));
        Files.createSymbolicLink(cls.resolve("dangling.png"), dir.resolve("gone.png"));
        assertTrue(fails(images("fail", 0)).contains("dangling.png: image must be decodable"));
        Files.delete(cls.resolve("dangling.png"));
        // mixed sizes without image_size: refused with the remedy; with it, both are used
        DataFiles.png(cls.resolve("big.png"), DataFiles.pattern(1, 1, 6, 6), 1, 6, 6);
        String m = fails(images("skip", 0));
        assertTrue(m.contains("good.png: image must be of one size, found a 4×4 image while the first is 6×6; "
                + "set data.image_size"), m);
        assertEquals(2, images("skip", 4).load().train().size());
    }

    @Test
    void aJpegNamedPngIsDecodedByItsContent() throws Exception {
        DataFiles.png(dir.resolve("c").resolve("photo.jpg"), DataFiles.pattern(0, 3, 8, 8), 3, 8, 8);
        Files.move(dir.resolve("c").resolve("photo.jpg"), dir.resolve("c").resolve("photo.png"));
        assertEquals(1, ImageFolderTest.folder(dir, 0, 3, 0, 0, "fail").load().train().size());
    }

    @Test
    void aSymbolicLinkLoopIsNamed() throws Exception {
        DataFiles.png(dir.resolve("c").resolve("a.png"), DataFiles.pattern(0, 1, 4, 4), 1, 4, 4);
        Files.createSymbolicLink(dir.resolve("c").resolve("loop"), dir.resolve("c"));
        assertTrue(fails(images("skip", 0)).contains("loop: folder must be free of symbolic-link loops"));
    }

    @Test
    void optionsTheFormatDoesNotReadAreRefused() {
        SelfsupException e = assertThrows(SelfsupException.class, () -> new DataSpec("cifar10", "x", 0, "train", "fine", 64,
                3, 0.2, 0, "skip"));
        assertTrue(e.getMessage().contains("image_size: must be left at its default 0 for dataset cifar10"), e.getMessage());
        assertThrows(SelfsupException.class, () -> new DataSpec("image_folder", "x", 0, "train", "coarse", 0, 3, 0.2, 0,
                "skip"));
        assertThrows(SelfsupException.class, () -> new DataSpec("image_folder", "x", 0, "train", "fine", 0, 2, 0.2, 0,
                "skip"));
    }

    /** A valid PNG header declaring {@code w×h} grey pixels, with no image data behind it. */
    static byte[] bombPng(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(w).putInt(h)
                .put(new byte[] {8, 0, 0, 0, 0});
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.writeBytes(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82});
        return out.toByteArray();
    }

    @Test
    void theBombHeaderIsAValidPng() throws Exception {
        Path f = dir.resolve("bomb.png");
        Files.write(f, bombPng(7, 5));
        assertEquals(List.of(7, 5), Arrays.stream(ImageDecoder.size(f)).boxed().toList());
    }
}
