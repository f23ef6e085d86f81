package org.selfsup4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.Json;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.DatasetFormat;
import org.selfsup4j.data.Datasets;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Splits;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.RecipeLoader;

/**
 * Colour data through every shipped recipe: each trains two steps (or fits) on 320 images of 3×16×16 with the
 * real engine — every augmentation preset, encoder, MAE and autoencoder the recipes use — and records
 * the data's shape and class names in the run.
 */
class ThreeChannelTest {
    @TempDir
    static Path runs;

    /** 320 random 3×16×16 images, 3 classes (the class's channel is brighter), in both splits. */
    static final class Rgb implements DatasetFormat {
        @Override
        public String name() {
            return "rgb_test";
        }

        @Override
        public Splits load(DataSpec spec) {
            SplittableRandom rng = new SplittableRandom(1);
            int n = 320;
            byte[] px = new byte[n * 3 * 16 * 16];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                for (int j = 0; j < 768; j++) {
                    px[i * 768 + j] = (byte) ((j / 256 == y[i] ? 128 : 0) + rng.nextInt(128));
                }
            }
            ImageSet set = new ImageSet(px, y, 3, 16, 16, 3);
            return new Splits(set, set, Path.of("."), java.util.Map.of(), List.of("red", "green", "blue"));
        }
    }

    @BeforeAll
    static void register() {
        if (!Datasets.names().contains("rgb_test")) {
            Datasets.register(new Rgb());
        }
    }

    static Stream<Path> recipes() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("../../recipes"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"simclr", "byol", "mae", "grayscale", "none"})
    void everyPresetMakesColourViewsOfTheInputShape(String preset) {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu())) {
            ImageSet set = new Rgb().load(null).train();
            float[] buf = new float[16 * set.imageSize()]; // the first 16 images
            set.fill(java.util.stream.IntStream.range(0, 16).toArray(), buf);
            ai.djl.ndarray.NDArray x = m.create(buf, new ai.djl.ndarray.types.Shape(16, 3, 16, 16));
            ai.djl.ndarray.NDList views = org.selfsup4j.augment.ViewsSpec.preset(preset).build()
                    .apply(x, new org.selfsup4j.core.SeedTree(0), 0);
            for (ai.djl.ndarray.NDArray v : views) {
                assertEquals(x.getShape(), v.getShape());
                assertTrue(v.isInfinite().logicalOr(v.isNaN()).none().getBoolean(), preset);
            }
            // colour survives: jitter and grayscale leave the channels different for most images
            assertTrue(views.get(0).get(":, 0").sub(views.get(0).get(":, 1")).abs().sum().getFloat() > 0, preset);
        }
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void everyShippedRecipeTrainsOnColourImages(Path file) throws Exception {
        Recipe r = RecipeLoader.load(file, List.of("data.dataset=rgb_test", "data.path=''", "data.limit=0",
                "data.pretrain_split=train", "data.image_size=0", "data.channels=3", "data.test_fraction=0.2",
                "data.on_bad_image=skip", "train.batch_size=64", "train.max_steps=2", "eval=false"));
        PretrainJob.Result result = PretrainJob.run(r, runs, new PrintStream(new ByteArrayOutputStream()), false);
        JsonNode prov = Json.mapper().readTree(result.runDir().resolve("provenance.json").toFile());
        assertEquals("[3,16,16]", prov.get("input_shape").toString());
        assertEquals("[\"red\",\"green\",\"blue\"]", prov.get("class_names").toString());
        assertTrue(Files.size(result.runDir().resolve(AugmentPreview.FILE)) > 0 || r.augment() == null);
    }
}
