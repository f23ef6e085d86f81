package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders: layouts, decoding against hand-computed pixels, the split, skipping and the cache. */
@org.junit.jupiter.api.extension.ExtendWith(PrivateCache.class)
class ImageFolderTest {
    @TempDir
    Path dir;

    static DataSpec folder(Path root, int size, int channels, double testFraction, long seed, String onBad) {
        return new DataSpec("image_folder", root.toString(), 0, "train", "fine", size, channels, testFraction, seed, onBad);
    }

    private static byte[] image(ImageSet s, int i) {
        byte[] b = new byte[s.imageSize()];
        s.buffer().get(i, b, 0);
        return b;
    }

    @Test
    void fashionMnistAsPngFoldersHasTheIdxPixelsAndLabels() throws Exception {
        Splits idx = DataSpec.defaults().load();
        int nTrain = 120;
        int nTest = 40;
        for (int i = 0; i < nTrain + nTest; i++) {
            ImageSet from = i < nTrain ? idx.train() : idx.test();
            int k = i < nTrain ? i : i - nTrain;
            String cls = FashionMnist.CLASSES.get(from.label(k)).replace('/', '_');
            DataFiles.png(dir.resolve(i < nTrain ? "train" : "test").resolve(cls).resolve(String.format("%05d.png", k)),
                    image(from, k), 1, 28, 28);
        }
        Splits png = folder(dir, 0, 1, 0.2, 0, "fail").load();
        assertEquals(List.of(1, 28, 28), png.imageShape());
        assertEquals(nTrain, png.train().size());
        assertEquals(nTest, png.test().size());
        // same (class name, pixels) pairs: the folder is ordered by class then file name
        for (String split : List.of("train", "test")) {
            ImageSet a = idx.split(split);
            ImageSet b = png.split(split);
            Set<String> want = new HashSet<>();
            for (int i = 0; i < b.size(); i++) {
                want.add(FashionMnist.CLASSES.get(a.label(i)).replace('/', '_') + java.util.Arrays.toString(image(a, i)));
            }
            Set<String> got = new HashSet<>();
            for (int i = 0; i < b.size(); i++) {
                got.add(png.classNames().get(b.label(i)) + java.util.Arrays.toString(image(b, i)));
            }
            assertEquals(want, got, split);
        }
        assertEquals(idx.stats("train").mean().size(), png.stats("train").mean().size());
    }

    @Test
    void colourIsConvertedWithPilLumaAndGreyIsRepeated() throws Exception {
        byte[] rgb = DataFiles.pattern(3, 3, 4, 5);
        DataFiles.png(dir.resolve("c").resolve("a.png"), rgb, 3, 4, 5);
        byte[] grey = DataFiles.pattern(4, 1, 4, 5);
        DataFiles.png(dir.resolve("c").resolve("b.png"), grey, 1, 4, 5);
        Splits one = folder(dir, 0, 1, 0, 0, "fail").load();
        byte[] luma = image(one.train(), 0);
        for (int i = 0; i < 20; i++) {
            int want = ((rgb[i] & 0xFF) * 299 + (rgb[20 + i] & 0xFF) * 587 + (rgb[40 + i] & 0xFF) * 114) / 1000;
            assertEquals(want, luma[i] & 0xFF, "pixel " + i);
        }
        assertArrayEquals(grey, image(one.train(), 1));
        Splits three = folder(dir, 0, 3, 0, 0, "fail").load();
        assertArrayEquals(rgb, image(three.train(), 0));
        byte[] repeated = new byte[60];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey, 0, repeated, c * 20, 20);
        }
        assertArrayEquals(repeated, image(three.train(), 1));
    }

    @Test
    void aWideImageIsCentreCroppedAndHalvingAveragesPairs() throws Exception {
        // 40 wide, 30 high at image_size 30: no resampling, columns 5..34 kept
        byte[] wide = DataFiles.pattern(1, 1, 30, 40);
        DataFiles.png(dir.resolve("wide").resolve("w.png"), wide, 1, 30, 40);
        byte[] got = image(folder(dir.resolve("wide"), 30, 1, 0, 0, "fail").load().train(), 0);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                assertEquals(wide[y * 40 + x + 5], got[y * 30 + x]);
            }
        }
        // a horizontal ramp v = 4x halved to 16×16: the triangle filter's interior output is the mean of a pair
        byte[] ramp = new byte[32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                ramp[y * 32 + x] = (byte) (4 * x);
            }
        }
        DataFiles.png(dir.resolve("ramp").resolve("r.png"), ramp, 1, 32, 32);
        byte[] half = image(folder(dir.resolve("ramp"), 16, 1, 0, 0, "fail").load().train(), 0);
        for (int y = 0; y < 16; y++) {
            for (int x = 1; x < 15; x++) {
                assertEquals(Math.round((4 * 2 * x + 4 * (2 * x + 1)) / 2.0), half[y * 16 + x] & 0xFF, "x=" + x);
            }
        }
    }

    @Test
    void withoutTrainAndTestFoldersTheSplitIsStratifiedAndSeeded() throws Exception {
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 10; i++) {
                DataFiles.png(dir.resolve("k" + c).resolve(i + ".png"), DataFiles.pattern(c * 10 + i, 1, 6, 6), 1, 6, 6);
            }
        }
        Splits a = folder(dir, 0, 1, 0.2, 0, "fail").load();
        assertEquals(List.of("k0", "k1", "k2"), a.classNames());
        assertEquals(24, a.train().size());
        assertEquals(6, a.test().size());
        int[] perClass = new int[3];
        Set<String> all = new HashSet<>();
        for (String split : List.of("train", "test")) {
            for (int i = 0; i < a.split(split).size(); i++) {
                all.add(java.util.Arrays.toString(image(a.split(split), i)));
                if (split.equals("test")) {
                    perClass[a.test().label(i)]++;
                }
            }
        }
        assertArrayEquals(new int[] {2, 2, 2}, perClass);
        assertEquals(30, all.size()); // disjoint, and together every image
        Splits again = folder(dir, 0, 1, 0.2, 0, "fail").load();
        assertEquals(a.fingerprint(), again.fingerprint());
        Splits other = folder(dir, 0, 1, 0.2, 1, "fail").load();
        assertNotEquals(a.fingerprint(), other.fingerprint());
    }

    @Test
    void aFlatFolderIsUnlabelledAndSkippedFilesAreCounted() throws Exception {
        for (int i = 0; i < 4; i++) {
            DataFiles.png(dir.resolve(i + ".png"), DataFiles.pattern(i, 3, 8, 8), 3, 8, 8);
        }
        Files.writeString(dir.resolve(".DS_Store"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Splits s = folder(dir, 0, 3, 0, 0, "skip").load();
        assertFalse(s.train().labelled());
        assertFalse(s.labelled());
        assertNull(s.test());
        assertEquals(4, s.train().size());
        assertEquals(Map.of("hidden", 1, "not an image", 1, "not decodable", 1), s.skipped());
        // the counts survive the cache
        assertEquals(s.skipped(), folder(dir, 0, 3, 0, 0, "skip").load().skipped());
        assertTrue(s.train().buffer().mapped());
    }

    @Test
    void theCacheIsReusedAndFollowsAChangedFile() throws Exception {
        Path img = dir.resolve("a").resolve("x.png");
        DataFiles.png(img, DataFiles.pattern(0, 1, 6, 6), 1, 6, 6);
        DataFiles.png(dir.resolve("b").resolve("y.png"), DataFiles.pattern(1, 1, 6, 6), 1, 6, 6);
        DataSpec spec = folder(dir, 0, 1, 0, 0, "fail");
        spec.load();
        List<Path> entries = entries();
        spec.load();
        assertEquals(entries, entries(), "a second load decodes nothing new");
        DataFiles.png(img, DataFiles.pattern(7, 1, 6, 6), 1, 6, 6);
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        Splits changed = spec.load();
        assertEquals(entries.size() + 1, entries().size());
        assertArrayEquals(DataFiles.pattern(7, 1, 6, 6), image(changed.train(), 0));
    }

    @Test
    void aKilledDecodesLeftoversAreRemovedADayLater() throws Exception {
        Path decoded = DecodedCache.root().resolve("decoded");
        Path old = Files.createDirectories(decoded.resolve(".abc.part-1"));
        Files.writeString(old.resolve("train.u8"), "x");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 25L * 3600 * 1000));
        Path fresh = Files.createDirectories(decoded.resolve(".def.part-2"));
        DataFiles.png(dir.resolve("a").resolve("x.png"), DataFiles.pattern(0, 1, 6, 6), 1, 6, 6);
        folder(dir, 0, 1, 0, 0, "fail").load();
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        Files.delete(fresh);
    }

    @Test
    void aStopDuringDecodingCachesNothing() throws Exception {
        DataFiles.png(dir.resolve("a").resolve("x.png"), DataFiles.pattern(0, 1, 6, 6), 1, 6, 6);
        List<Path> before = entries();
        org.selfsup4j.core.StopSignal.request("SIGTERM");
        try {
            org.selfsup4j.core.Interrupted e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.selfsup4j.core.Interrupted.class, folder(dir, 0, 1, 0, 0, "fail")::load);
            assertEquals("interrupted while decoding " + dir + " into the cache by SIGTERM; nothing was cached; run the "
                    + "command again to decode", e.getMessage());
        } finally {
            org.selfsup4j.core.StopSignal.clear();
        }
        assertEquals(before, entries());
        BadDataTest.assertCacheClean();
    }

    private static List<Path> entries() throws Exception {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(DecodedCache.root().resolve("decoded"))) {
            return out;
        }
        try (var s = Files.list(DecodedCache.root().resolve("decoded"))) {
            s.sorted().forEach(out::add);
        }
        return out;
    }
}
