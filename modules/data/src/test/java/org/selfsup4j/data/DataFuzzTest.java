package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SelfsupException;

/**
 * 1,250 mutated files across the formats (CIFAR-10, CIFAR-100, STL-10, IDX plain and gzipped, PNG, JPEG
 * and BMP in an image folder): bytes flipped, overwritten, cut, appended or replaced. Every load either
 * succeeds with a consistent set or fails with one {@link SelfsupException} line; nothing else is
 * thrown, and the decoded cache never keeps a partial entry.
 */
@org.junit.jupiter.api.extension.ExtendWith(PrivateCache.class)
class DataFuzzTest {
    private static final int PER_FORMAT = 250;

    @TempDir
    Path dir;

    private record Target(String name, DataSpec spec, List<Path> files) {}

    @Test
    void mutatedFilesLoadOrFailInOneLine() throws Exception {
        List<Target> targets = new ArrayList<>();
        Path c10 = dir.resolve("c10");
        DataFiles.cifar10(c10, 2, 2);
        targets.add(new Target("cifar10", DataSpec.of("cifar10", c10.toString()), List.of(c10.resolve("data_batch_2.bin"),
                c10.resolve("test_batch.bin"))));
        Path c100 = dir.resolve("c100");
        DataFiles.cifar100(c100, 3, 2);
        targets.add(new Target("cifar100", DataSpec.of("cifar100", c100.toString()), List.of(c100.resolve("train.bin"))));
        Path stl = dir.resolve("stl");
        DataFiles.stl10(stl, 2, 1, 1);
        targets.add(new Target("stl10", DataSpec.of("stl10", stl.toString()), List.of(stl.resolve("train_X.bin"),
                stl.resolve("train_y.bin"), stl.resolve("unlabeled_X.bin"))));
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        DataFiles.idx(idx.resolve("train-images-idx3-ubyte"), new int[] {3, 4, 4}, new byte[48], false);
        DataFiles.idx(idx.resolve("train-labels-idx1-ubyte.gz"), new int[] {3}, new byte[] {0, 1, 2}, true);
        DataFiles.idx(idx.resolve("t10k-images-idx3-ubyte.gz"), new int[] {1, 4, 4}, new byte[16], true);
        DataFiles.idx(idx.resolve("t10k-labels-idx1-ubyte"), new int[] {1}, new byte[] {1}, false);
        targets.add(new Target("idx", DataSpec.of("idx", idx.toString()), List.of(idx.resolve("train-images-idx3-ubyte"),
                idx.resolve("train-labels-idx1-ubyte.gz"), idx.resolve("t10k-images-idx3-ubyte.gz"))));
        Path folder = dir.resolve("folder");
        DataFiles.png(folder.resolve("a").resolve("x.png"), DataFiles.pattern(0, 3, 8, 8), 3, 8, 8);
        DataFiles.png(folder.resolve("a").resolve("y.jpg"), DataFiles.pattern(1, 3, 8, 8), 3, 8, 8);
        DataFiles.png(folder.resolve("b").resolve("z.png"), DataFiles.pattern(2, 3, 8, 8), 3, 8, 8);
        javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(folder.resolve("b").resolve("z.png").toFile()), "bmp",
                folder.resolve("b").resolve("w.bmp").toFile());
        List<Path> pictures = List.of(folder.resolve("a").resolve("x.png"), folder.resolve("a").resolve("y.jpg"),
                folder.resolve("b").resolve("w.bmp"));
        targets.add(new Target("image_folder", ImageFolderTest.folder(folder, 8, 3, 0, 0, "fail"), pictures));

        SplittableRandom rng = new SplittableRandom(7);
        int runs = 0;
        int loaded = 0;
        for (Target t : targets) {
            assertTrue(t.spec().load().train().size() > 0, t.name() + " loads before mutation");
            for (int k = 0; k < PER_FORMAT; k++) {
                Path f = t.files().get(rng.nextInt(t.files().size()));
                byte[] pristine = Files.readAllBytes(f);
                Files.write(f, mutate(pristine, rng));
                DataSpec spec = t.name().equals("image_folder") && k % 2 == 1
                        ? ImageFolderTest.folder(folder, 8, 3, 0, 0, "skip") : t.spec();
                try {
                    Splits s = spec.load();
                    assertEquals(s.train().size() * (long) s.train().imageSize(), s.train().pixels().length);
                    loaded++;
                } catch (SelfsupException e) {
                    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                } catch (Throwable e) {
                    fail(t.name() + " mutation " + k + " of " + f.getFileName() + " threw " + e, e);
                } finally {
                    Files.write(f, pristine);
                }
                runs++;
            }
        }
        BadDataTest.assertCacheClean();
        assertEquals(5 * PER_FORMAT, runs);
        assertTrue(loaded > 0 && loaded < runs, "some mutations load, some fail: " + loaded + " of " + runs);
    }

    static byte[] mutate(byte[] b, SplittableRandom rng) {
        byte[] out;
        switch (rng.nextInt(5)) {
            case 0 -> {
                out = b.clone();
                for (int i = 0, n = 1 + rng.nextInt(8); i < n && out.length > 0; i++) {
                    out[rng.nextInt(out.length)] ^= (byte) (1 + rng.nextInt(255));
                }
            }
            case 1 -> out = Arrays.copyOf(b, rng.nextInt(Math.max(1, b.length)));
            case 2 -> {
                out = Arrays.copyOf(b, b.length + 1 + rng.nextInt(4000));
                for (int i = b.length; i < out.length; i++) {
                    out[i] = (byte) rng.nextInt(256);
                }
            }
            case 3 -> {
                out = b.clone();
                int from = rng.nextInt(Math.max(1, out.length));
                for (int i = from; i < Math.min(out.length, from + 1 + rng.nextInt(64)); i++) {
                    out[i] = (byte) rng.nextInt(256);
                }
            }
            default -> {
                out = new byte[rng.nextInt(200)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) rng.nextInt(256);
                }
            }
        }
        return out;
    }
}
