package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoencoder family through the real command line on Fashion-MNIST subsets: every recipe trains
 * (or fits) and writes its figures and reconstruction error; PCA's test error matches its explained
 * variance; k-means' objective never rises; the SAE and subspace tools run; bad flags give one line.
 */
@Tag("data")
class AutoencoderEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path pretrain(String recipe, String... extra) {
        List<String> args = new ArrayList<>(List.of("pretrain", "../../recipes/" + recipe + "-fashion-mnist.yaml",
                "--set", "eval=false", "--device", "cpu", "--out", tmp.toString()));
        args.addAll(List.of(extra));
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, o.code(), recipe + ": " + o.err());
        List<String> lines = o.out().strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    private static List<JsonNode> metrics(Path run) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
                out.add(JSON.readTree(l));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyGradientTrainedRecipeLearnsAndDrawsItsFigures() throws Exception {
        for (String recipe : List.of("ae", "dae", "sparse-l1", "sparse-kl", "cae", "vae", "beta-vae", "psd", "linear-ae",
                "conv-ae", "hashing")) {
            Path run = pretrain(recipe, "--set", "data.limit=2560", "--set", "train.batch_size=128",
                    "--set", "train.max_steps=12", "--set", "optimizer.warmup_epochs=0.1");
            List<Double> losses = metrics(run).stream().filter(n -> n.has("loss")).map(n -> n.get("loss").asDouble()).toList();
            assertEquals(12, losses.size(), recipe);
            assertTrue(losses.stream().allMatch(Double::isFinite), recipe + " " + losses);
            double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(9, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first, recipe + ": loss must fall, " + losses);
            JsonNode rec = JSON.readTree(run.resolve("reconstruction.json").toFile());
            assertEquals(10000, rec.get("images").asInt(), recipe);
            assertEquals(rec.get("sse_per_image").asDouble() / 784, rec.get("mse_per_pixel").asDouble(), 1e-9, recipe);
            assertTrue(rec.get("mse_per_pixel").asDouble() < 0.5, recipe + " " + rec);
            List<String> figures = new ArrayList<>(List.of("reconstructions.png"));
            if (recipe.endsWith("vae")) {
                figures.addAll(List.of("samples.png", "traversals.png"));
            }
            if (recipe.equals("psd")) {
                figures.add("dictionary.png");
            }
            for (String f : figures) {
                BufferedImage img = ImageIO.read(run.resolve(f).toFile());
                assertTrue(img.getWidth() > 100 && img.getHeight() > 100, recipe + " " + f);
            }
        }
    }

    @Test
    void pcaAndKMeansFitInClosedFormAndTheToolsRun() throws Exception {
        Path pca = pretrain("pca", "--set", "data.limit=3000");
        JsonNode fit = metrics(pca).stream().filter(n -> n.path("event").asText().equals("fit")).findFirst().orElseThrow();
        double kept = fit.get("explained_variance_ratio").asDouble();
        assertTrue(kept > 0.7 && kept < 1, "64 components of Fashion-MNIST keep most of the variance: " + kept);
        // the test error of a projection onto the top components: about the variance they leave out
        float[] test = new float[10000 * 784];
        int[] all = java.util.stream.IntStream.range(0, 10000).toArray();
        org.selfsup4j.data.DataSpec.defaults().load().test().fill(all, test);
        double[] mean = new double[784];
        for (int i = 0; i < test.length; i++) {
            mean[i % 784] += test[i] / 10000.0;
        }
        double total = 0;
        for (int i = 0; i < test.length; i++) {
            total += (test[i] - mean[i % 784]) * (test[i] - mean[i % 784]);
        }
        double mse = JSON.readTree(pca.resolve("reconstruction.json").toFile()).get("mse_per_pixel").asDouble();
        assertEquals((1 - kept) * total / test.length, mse, 0.15 * (1 - kept) * total / test.length, "PCA's test error");
        assertTrue(Files.exists(pca.resolve("components.png")));

        Path kmeans = pretrain("kmeans", "--set", "data.limit=3000", "--set", "model.encoder.clusters=32");
        List<Double> objective = metrics(kmeans).stream().filter(n -> n.path("event").asText().equals("fit"))
                .map(n -> n.get("objective").asDouble()).toList();
        assertTrue(objective.size() >= 3, "Lloyd iterations " + objective);
        for (int i = 1; i < objective.size(); i++) {
            assertTrue(objective.get(i) <= objective.get(i - 1), "objective never rises: " + objective);
        }
        double kmse = JSON.readTree(kmeans.resolve("reconstruction.json").toFile()).get("mse_per_pixel").asDouble();
        assertTrue(kmse < total / test.length, "centroids beat the mean image: " + kmse);

        CliTest.Outcome same = CliTest.run("subspace", pca.toString(), pca.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().strip().endsWith("largest_angle_deg=0.000 mean_angle_deg=0.000"), same.out());
        CliTest.Outcome wrong = CliTest.run("subspace", pca.toString(), kmeans.toString());
        assertEquals(2, wrong.code());
        assertEquals(kmeans + ": run must be a linear encoder/decoder (method pca or autoencoder with ae_mlp widths: []),"
                + " found another model", wrong.err().strip().replaceFirst("^selfsup subspace: ", ""));

        CliTest.Outcome sae = CliTest.run("sae", pca.toString(), "--epochs", "2", "--expansion", "2", "--out",
                tmp.resolve("sae").toString());
        assertEquals(0, sae.code(), sae.err());
        assertTrue(sae.out().strip().matches("test_fvu=\\d\\.\\d{4} test_l0=\\d+\\.\\d{2} dead_features=\\d+"), sae.out());
        JsonNode report = JSON.readTree(tmp.resolve("sae/sae.json").toFile());
        assertEquals(128, report.at("/settings/features").asInt());
        double fvu = report.at("/test/fraction_of_variance_unexplained").asDouble();
        double l0 = report.at("/test/l0").asDouble();
        assertTrue(fvu > 0 && fvu < 1, "the SAE explains part of the variance: " + fvu);
        assertTrue(l0 > 0 && l0 < 128, "L0 " + l0);
        BufferedImage grid = ImageIO.read(tmp.resolve("sae/top-activations.png").toFile());
        int rows = report.get("features_shown").size();
        assertEquals(4 + rows * (28 * 4 + 4), grid.getHeight());
        assertEquals(4 + 8 * (28 * 4 + 4), grid.getWidth());

        CliTest.Outcome notSequential = CliTest.run("sae", pca.toString(), "--layer", "2");
        CliTest.assertOneLineError(notSequential, "--layer: must be used with a convnet or mlp encoder");

        CliTest.Outcome bad = CliTest.run("sae", pca.toString(), "--expansion", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().endsWith("--expansion: must be an integer >= 1, found 0"), bad.err());
        assertTrue(bad.err().strip().lines().count() == 1, bad.err());
    }

    @Test
    void theSaeReadsAnInnerLayerOfAConvNet() throws Exception {
        CliTest.Outcome o = CliTest.run("pretrain", "../../recipes/quickstart.yaml", "--set", "data.limit=512",
                "--set", "train.max_steps=2", "--set", "eval=false", "--device", "cpu", "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().strip().lines().toList();
        Path run = Path.of(lines.get(lines.size() - 1));
        CliTest.Outcome sae = CliTest.run("sae", run.toString(), "--layer", "6", "--epochs", "1", "--expansion", "2");
        assertEquals(0, sae.code(), sae.err());
        JsonNode report = JSON.readTree(run.resolve("sae/sae.json").toFile());
        // layer 6 of convnet [32, 64, 128] is the second stage's ReLU: 64 channels, averaged over 14×14 positions
        assertTrue(report.get("layer").asText().startsWith("encoder layer 6 "), report.get("layer").asText());
        assertTrue(report.get("layer").asText().endsWith(", 64 dimensions"), report.get("layer").asText());
        assertEquals(128, report.at("/settings/features").asInt());
        CliTest.assertOneLineError(CliTest.run("sae", run.toString(), "--layer", "13"),
                "--layer: must be in [0, 12] for this encoder, found 13");
    }
}
