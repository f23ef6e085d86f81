package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selfsup data inspect} on real files, and bad data through the command line: one line, exit 2. */
class DataCommandTest {
    @TempDir
    static Path cache;

    @TempDir
    Path tmp;

    @BeforeAll
    static void privateCache() {
        System.setProperty("selfsup4j.cache", cache.toString());
    }

    /** Writes {@code n} grey w×w PNGs of brightness 40·k into {@code dir}. */
    private static void pngs(Path dir, int n, int w) throws Exception {
        Files.createDirectories(dir);
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(w, w, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < w; x++) {
                    img.getRaster().setSample(x, y, 0, 40 * k);
                }
            }
            ImageIO.write(img, "png", dir.resolve("img" + k + ".png").toFile());
        }
    }

    @Test
    void inspectAFolder() throws Exception {
        Path root = tmp.resolve("shapes");
        pngs(root.resolve("circle"), 3, 10);
        pngs(root.resolve("square"), 3, 10);
        Files.writeString(root.resolve("square").resolve("notes.txt"), "x");
        Path grid = tmp.resolve("grid.png");
        CliTest.Outcome o = CliTest.run("data", "inspect", root.toString(), "--set", "channels=1", "--grid", grid.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("dataset      image_folder (" + root + ")"), o.out());
        assertTrue(o.out().contains("images       1×10×10 (C×H×W)"), o.out());
        assertTrue(o.out().contains("splits       train 4 labelled, test 2 labelled"), o.out());
        assertTrue(o.out().contains("  circle                   2/1"), o.out());
        assertTrue(o.out().contains("skipped      1 not an image"), o.out());
        BufferedImage g = ImageIO.read(grid.toFile());
        assertEquals(2 * (72 + 4) + 4, g.getHeight());
    }

    @Test
    void badDataIsOneLine() throws Exception {
        CliTest.assertOneLineError(CliTest.run("data", "inspect", tmp.resolve("nowhere").toString()),
                tmp.resolve("nowhere") + ": SPEC_OR_PATH must be a recipe");
        Path root = tmp.resolve("bad");
        pngs(root.resolve("a"), 2, 8);
        Files.write(root.resolve("a").resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        CliTest.assertOneLineError(CliTest.run("data", "inspect", root.toString(), "--set", "on_bad_image=fail"),
                root.resolve("a").resolve("broken.png") + ": image must be decodable");
        CliTest.assertOneLineError(CliTest.run("data", "inspect", root.toString(), "--grid", tmp.resolve("g.jpg").toString()),
                "--grid: must be a file ending in .png");
        CliTest.assertOneLineError(CliTest.run("data", "inspect", "cifar10:" + tmp.resolve("none")),
                tmp.resolve("none") + ": data.path must be a folder, found no such folder");
        CliTest.assertOneLineError(CliTest.run("data", "inspect", "cifar10:" + root, "--set", "image_size=32"),
                "--set data.image_size");
    }

    @Test
    void aProbeOnUnlabelledImagesIsRefusedBeforeTraining() throws Exception {
        Path flat = tmp.resolve("flat");
        pngs(flat, 4, 28);
        Path runs = tmp.resolve("runs");
        CliTest.Outcome o = CliTest.run("pretrain", "../../recipes/quickstart.yaml", "--set", "data.dataset=image_folder",
                "--set", "data.path=" + flat, "--set", "data.channels=1", "--out", runs.toString());
        CliTest.assertOneLineError(o, flat + ": labels must be present (probes fit on labelled train and test splits)");
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run directory is made");
    }
}
