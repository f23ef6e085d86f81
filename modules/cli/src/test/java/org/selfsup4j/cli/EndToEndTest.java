package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Tag;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.app.ExportedEncoder;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.train.Checkpoints;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretrains the quickstart recipe on a Fashion-MNIST subset through the real command line, then
 * probes it (on 12,000 / 2,000 images; on the full splits with {@code -Pslow}): the loss falls and both
 * probes beat chance (10 %) by a wide margin.
 */
@Tag("data")
class EndToEndTest {
    @TempDir
    Path tmp;

    /** {@code -Pslow}: probe on the full splits, as a user's run does; by default on 12,000 / 2,000 images. */
    static final boolean SLOW = Boolean.getBoolean("selfsup.slow");

    /** The probe's limits: none with {@code -Pslow}, else 12,000 training images (more than pretraining's 6,400) and 2,000 test. */
    static List<String> probeLimits() {
        return SLOW ? List.of() : List.of("--set", "eval.train_limit=12000", "--set", "eval.test_limit=2000");
    }

    @Test
    void pretrainThenProbeOnAFashionMnistSubset() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("pretrain", "../../recipes/quickstart.yaml", "--set",
                "data.limit=6400", "--set", "train.batch_size=128", "--set", "train.epochs=2", "--set",
                "optimizer.warmup_epochs=0.2", "--set", "eval.linear_probe.iterations=100", "--device", "cpu", "--out",
                tmp.toString()));
        args.addAll(probeLimits());
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().strip().lines().toList();
        Path run = Path.of(lines.get(lines.size() - 1));
        assertTrue(run.startsWith(tmp), o.out());
        assertTrue(lines.get(lines.size() - 2).matches("linear_probe_top1=0\\.\\d{4} knn_top1=0\\.\\d{4}"), o.out());
        for (String f : new String[] {"resolved-recipe.yaml", "provenance.json", "metrics.jsonl", "probe.json", "augment-preview.png",
            "checkpoints/epoch-1.params", "checkpoints/epoch-2.params", "checkpoints/final.params"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals("complete", json.readTree(run.resolve("run.json").toFile()).get("state").asText());
        JsonNode prov = json.readTree(run.resolve("provenance.json").toFile());
        assertEquals(42, prov.get("seed").asInt());
        assertEquals("0.35.1", prov.get("djl_version").asText());
        assertEquals("[1,28,28]", prov.get("input_shape").toString(), "the dataset's image shape, for the export");
        assertEquals(10, prov.get("class_names").size());
        assertEquals("Ankle boot", prov.get("class_names").get(9).asText());

        List<JsonNode> steps = Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> read(json, l))
                .filter(n -> n.has("loss")).toList();
        assertEquals(100, steps.size());
        double first = steps.subList(0, 10).stream().mapToDouble(n -> n.get("loss").asDouble()).average().orElseThrow();
        double last = steps.subList(90, 100).stream().mapToDouble(n -> n.get("loss").asDouble()).average().orElseThrow();
        assertTrue(last < first - 0.1, "loss must fall: first " + first + ", last " + last);

        JsonNode probe = json.readTree(run.resolve("probe.json").toFile());
        double linear = probe.at("/linear_probe/top1").asDouble();
        double knn = probe.at("/knn/top1").asDouble();
        assertTrue(linear > 0.6, "linear probe " + linear);
        assertTrue(knn > 0.5, "kNN " + knn);
        assertEquals(200, probe.at("/knn/k").asInt());
        assertEquals(SLOW ? 60000 : 12000, probe.at("/features/train").asInt(), "the probe's split, not pretraining's subset");
        assertEquals(SLOW ? 10000 : 2000, probe.at("/features/test").asInt());

        CliTest.Outcome again = CliTest.run("probe", run.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(lines.get(lines.size() - 2), again.out().strip(), "probing is deterministic");

        // export the encoder, load it with DJL Criteria, embed: the same features as the run's network
        Path exported = tmp.resolve("exported");
        CliTest.Outcome ex = CliTest.run("export", run.toString(), "--out", exported.toString());
        assertEquals(0, ex.code(), ex.err());
        assertEquals(exported.toString(), ex.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        CliTest.assertOneLineError(CliTest.run("export", run.toString(), "--out", exported.toString()),
                exported + ": export directory must be a new path, found an existing one");
        byte[] px = DataSpec.defaults().load().test().pixels();
        float[] images = new float[5 * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = (px[i] & 0xFF) / 255f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Recipe recipe = RecipeLoader.load(run.resolve("resolved-recipe.yaml"), List.of());
            HypersphereNetwork net = new HypersphereNetwork(recipe.model());
            net.initialize(m, new Shape(1, 1, 28, 28), 0);
            Checkpoints.load(run.resolve("checkpoints/final.params"), net, m);
            NDArray x = m.create(images, new Shape(5, 1, 28, 28));
            float[] expected = net.encoder().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            try (ZooModel<NDList, NDList> zoo = ExportedEncoder.load(exported);
                    Predictor<NDList, NDList> p = zoo.newPredictor()) {
                NDArray f = p.predict(new NDList(zoo.getNDManager().create(images, new Shape(5, 1, 28, 28))))
                        .singletonOrThrow();
                assertEquals(new Shape(5, 128), f.getShape());
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, f.toFloatArray(), 1e-5f);
            }
        }
    }

    /**
     * Every loss recipe trains through the command line on a subset: 12 steps complete with finite
     * losses and the loss of the last 4 steps below that of steps 2-5 (the probe is covered above).
     */
    @Test
    void everyLossRecipeTrainsOnASubset() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String recipe : List.of("simclr", "moco", "hcl", "supcon", "triplet-batch-hard", "npairs", "siamese",
                "simclr-grayscale", "simclr-multicrop", "byol", "simsiam")) {
            List<String> args = new java.util.ArrayList<>(List.of("pretrain", "../../recipes/" + recipe
                    + "-fashion-mnist.yaml", "--set", "data.limit=2560", "--set", "train.batch_size=128", "--set",
                    "train.max_steps=12", "--set", "optimizer.warmup_epochs=0.1", "--set", "eval=false",
                    "--device", "cpu", "--out", tmp.toString()));
            if (recipe.equals("moco")) {
                args.addAll(List.of("--set", "method.memory_bank.size=512", "--set", "method.mochi={hardest: 32}"));
            }
            CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, o.code(), recipe + ": " + o.err());
            List<String> lines = o.out().strip().lines().toList();
            Path run = Path.of(lines.get(lines.size() - 1));
            assertEquals("complete", json.readTree(run.resolve("run.json").toFile()).get("state").asText());
            List<Double> losses = Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> read(json, l))
                    .filter(n -> n.has("loss")).map(n -> n.get("loss").asDouble()).toList();
            assertEquals(12, losses.size(), recipe);
            assertTrue(losses.stream().allMatch(Double::isFinite), recipe + " " + losses);
            // steps 2-5, not 0-3: MoCo's loss first rises while its bank fills (512 keys, 256 per step)
            double first = losses.subList(2, 6).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(8, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first, recipe + ": loss must fall, " + losses);
        }
    }

    /**
     * {@code augment-preview} draws the real images in the first column (pixel for pixel) and one column
     * per view, each labelled under a title line; multi-crop's small crops sit centred on a grey field. Bad
     * flags write nothing.
     */
    @Test
    void augmentPreviewDrawsTheRecipesViews() throws Exception {
        Path png = tmp.resolve("sub/grid.png");
        CliTest.Outcome o = CliTest.run("augment-preview", "../../recipes/quickstart.yaml", "--out", png.toString(),
                "--images", "3");
        assertEquals(0, o.code(), o.err());
        assertEquals("wrote " + png, o.out().strip());
        BufferedImage img = ImageIO.read(png.toFile());
        int cell = 28 * 4 + 4;
        int head = 2 * 18; // a title line and a label line above the grid
        assertEquals(4 + 3 * cell, img.getWidth());
        assertEquals(head + 4 + 3 * cell, img.getHeight());
        for (int col = 0; col < 3; col++) {
            boolean ink = false;
            for (int x = 4 + col * cell; x < 4 + col * cell + 112 && !ink; x++) {
                for (int y = 18; y < head && !ink; y++) {
                    ink = (img.getRGB(x, y) & 0xFF) < 128;
                }
            }
            assertTrue(ink, "column " + col + " has a label above it");
        }
        byte[] pixels = DataSpec.defaults().load().train().pixels();
        for (int row = 0; row < 3; row++) {
            for (int[] yx : new int[][] {{0, 0}, {10, 14}, {20, 9}, {27, 27}}) {
                int expected = pixels[row * 784 + yx[0] * 28 + yx[1]] & 0xFF;
                int rgb = img.getRGB(4 + yx[1] * 4 + 3, head + 4 + row * cell + yx[0] * 4 + 1);
                assertEquals(expected, rgb & 0xFF, "image " + row + " pixel " + java.util.Arrays.toString(yx));
                assertEquals(expected, (rgb >> 16) & 0xFF);
            }
        }
        Path multi = tmp.resolve("multi.png");
        assertEquals(0, CliTest.run("augment-preview", "../../recipes/simclr-multicrop-fashion-mnist.yaml", "--out",
                multi.toString(), "--images", "2").code());
        BufferedImage m = ImageIO.read(multi.toFile());
        assertEquals(4 + 7 * cell, m.getWidth());
        assertEquals(0x808080, m.getRGB(4 + 3 * cell, head + 4) & 0xFFFFFF, "small crop cell has the grey field");
        assertEquals(0x808080, m.getRGB(4 + 6 * cell + 111, head + 4 + 111) & 0xFFFFFF);

        Path none = tmp.resolve("none.png");
        CliTest.assertOneLineError(CliTest.run("augment-preview", "../../recipes/quickstart.yaml", "--out", none.toString(),
                "--images", "0"), "selfsup augment-preview: --images must be in [1, 64], found 0");
        CliTest.assertOneLineError(CliTest.run("augment-preview", "../../recipes/quickstart.yaml", "--out",
                tmp.resolve("grid.txt").toString()), "selfsup augment-preview: --out must be a file name ending in .png");
        CliTest.assertOneLineError(CliTest.run("augment-preview", "../../recipes/quickstart.yaml", "--out",
                none.toString(), "--set", "augment.preset=simclar"), "--set augment.preset: augment.preset must be given alone");
        assertTrue(Files.notExists(none) && Files.notExists(tmp.resolve("grid.txt")));
    }

    /**
     * MAE end to end on a subset: the loss falls, {@code reconstructions.png} shows the real images, a
     * masked input that hides exactly 37 of 49 patches (grey) and keeps the rest, and a reconstruction
     * that keeps the visible patches; the probe reads the encoder out of a checkpoint that also holds the
     * decoder.
     */
    @Test
    void maePretrainsDrawsReconstructionsAndProbes() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("pretrain", "../../recipes/mae-quick.yaml", "--set",
                "data.limit=5120", "--set", "train.max_steps=16", "--set", "optimizer.warmup_epochs=0.4", "--set",
                "eval.linear_probe.iterations=100", "--device", "cpu", "--out", tmp.toString()));
        args.addAll(probeLimits());
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().strip().lines().toList();
        Path run = Path.of(lines.get(lines.size() - 1));
        assertTrue(lines.get(lines.size() - 2).matches("linear_probe_top1=0\\.\\d{4} knn_top1=0\\.\\d{4}"), o.out());
        ObjectMapper json = new ObjectMapper();
        List<Double> losses = Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> read(json, l))
                .filter(n -> n.has("loss")).map(n -> n.get("loss").asDouble()).toList();
        assertEquals(16, losses.size());
        double first = losses.subList(0, 4).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(12, 16).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "loss must fall, " + losses);
        double linear = json.readTree(run.resolve("probe.json").toFile()).at("/linear_probe/top1").asDouble();
        assertTrue(linear > 0.5, "linear probe " + linear);

        BufferedImage img = ImageIO.read(run.resolve("reconstructions.png").toFile());
        int cell = 28 * 4 + 4;
        assertEquals(4 + 3 * cell, img.getWidth());
        assertEquals(4 + 8 * cell, img.getHeight());
        byte[] pixels = DataSpec.defaults().load().train().pixels();
        for (int row = 0; row < 8; row++) {
            int hidden = 0;
            for (int py = 0; py < 7; py++) {
                for (int px = 0; px < 7; px++) {
                    boolean original = true;
                    boolean grey = true;
                    boolean kept = true;
                    for (int y = py * 4; y < py * 4 + 4; y++) {
                        for (int x = px * 4; x < px * 4 + 4; x++) {
                            int expected = pixels[row * 784 + y * 28 + x] & 0xFF;
                            assertEquals(expected, grey(img, 0, row, y, x), "original column, image " + row);
                            int masked = grey(img, 1, row, y, x);
                            original &= masked == expected;
                            grey &= masked == 128;
                            kept &= grey(img, 2, row, y, x) == expected;
                        }
                    }
                    assertTrue(original ^ grey, "a patch is either shown or grey, image " + row);
                    hidden += grey ? 1 : 0;
                    assertTrue(grey || kept, "the reconstruction keeps visible patches, image " + row);
                }
            }
            assertEquals(37, hidden, "hidden patches of image " + row);
        }
    }

    private static int grey(BufferedImage img, int col, int row, int y, int x) {
        int cell = 28 * 4 + 4;
        return img.getRGB(4 + col * cell + x * 4 + 1, 4 + row * cell + y * 4 + 1) & 0xFF;
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
