package org.selfsup4j.recipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfsup4j.augment.Augmentation;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.data.DatasetFormat;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.Datasets;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Splits;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.InfoNceSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.Batch;
import org.selfsup4j.train.ContrastiveMethod;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.train.StepFunction;

/**
 * Adding a component is cheap (docs/architecture.md): each example below is what a new loss, augmentation,
 * method or dataset format needs, at most three files in the repository (the spec, its implementation,
 * one registration line), here nested in one test and registered the way a library user's code does.
 * Each is then used from a recipe and checked against an independent value.
 */
class ExtendingTest {
    /** A loss: {@code scale · mean_i (1 − z_i · z_{i+N})} over the two views' unit embeddings. */
    @SpecType(value = "mean_cosine", doc = "test: scale · (1 − mean cosine of the two views)")
    record MeanCosineSpec(double scale) implements LossSpec {
        public static MeanCosineSpec defaults() {
            return new MeanCosineSpec(1);
        }

        @Override
        public Loss build() {
            return new Loss("mean_cosine") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    NDArray z = predictions.singletonOrThrow();
                    long n = z.getShape().get(0) / 2;
                    NDArray a = z.get("0:" + n);
                    NDArray b = z.get(n + ":");
                    return a.mul(b).sum(new int[] {1}).neg().add(1f).mean().mul((float) scale);
                }
            };
        }
    }

    /** An augmentation: {@code x ↦ 1 − x} with probability p per image. */
    @SpecType(value = "invert", doc = "test: x -> 1 - x")
    record Invert(double p) implements Augmentation {
        public static Invert defaults() {
            return new Invert(1);
        }

        @Override
        public NDArray apply(NDArray images, SplittableRandom rng) {
            return rng.nextDouble() < p ? images.neg().add(1f) : images;
        }
    }

    /** A method: SimCLR with its NT-Xent temperature fixed in the method, so it reads no loss section. */
    @SpecType(value = "fixed_simclr", doc = "test: SimCLR whose loss is part of the method")
    record FixedSimclrSpec(double temperature) implements MethodSpec {
        public static FixedSimclrSpec defaults() {
            return new FixedSimclrSpec(0.5);
        }

        @Override
        public Set<RecipeSection> reads() {
            return EnumSet.of(RecipeSection.AUGMENT, RecipeSection.HEAD, RecipeSection.OPTIMIZER);
        }

        @Override
        public String unread(RecipeSection section) {
            return "fixed_simclr's loss is NT-Xent at method.temperature";
        }

        @Override
        public void validate(LossSpec loss, int views) {
            if (views < 2) {
                throw SelfsupException.of("augment.views", "", ">= 2", views, null);
            }
        }

        @Override
        public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
                Shape inputShape) {
            return new ContrastiveMethod(net.projector(), views, new InfoNceSpec(temperature, "cosine", null).build(),
                    seeds, root);
        }
    }

    /** A dataset format: four 2×2 images of constant brightness k/3 with label k, in both splits. */
    static final class Ramp implements DatasetFormat {
        @Override
        public String name() {
            return "ramp";
        }

        @Override
        public Splits load(DataSpec spec) {
            byte[] px = new byte[4 * 4];
            int[] labels = new int[4];
            for (int k = 0; k < 4; k++) {
                labels[k] = k;
                for (int i = 0; i < 4; i++) {
                    px[k * 4 + i] = (byte) (85 * k);
                }
            }
            ImageSet set = new ImageSet(px, labels, 1, 2, 2, 4);
            return new Splits(set, set, Path.of("."), Map.of(), List.of("black", "dark", "light", "white"));
        }
    }

    @BeforeAll
    static void register() {
        Registry.register(LossSpec.class, MeanCosineSpec.class);
        Registry.register(Augmentation.class, Invert.class);
        Registry.register(MethodSpec.class, FixedSimclrSpec.class);
        Datasets.register(new Ramp());
    }

    private static Recipe parse(String text) {
        return RecipeLoader.parse(text, "r.yaml", "r", List.of());
    }

    @Test
    void aNewLossIsNamedInARecipeAndComputesItsFormula() {
        Recipe r = parse("loss: {type: mean_cosine, scale: 2}\n");
        try (NDManager m = NDManager.newBaseManager()) {
            // views 1: e1, e2; views 2: e1, (e1 + e2)/√2 → cosines 1 and 1/√2
            float s = (float) Math.sqrt(0.5);
            NDArray z = m.create(new float[] {1, 0, 0, 1, 1, 0, s, s}, new Shape(4, 2));
            double value = r.loss().build().evaluate(new NDList(m.arange(4)), new NDList(z)).getFloat();
            assertEquals(2 * (1 - (1 + Math.sqrt(0.5)) / 2), value, 1e-6);
        }
        assertTrue(Catalogue.select("mean_cosine").get(0).doc().startsWith("test:"), "describe lists it");
        assertThrows(IllegalArgumentException.class, () -> Registry.register(LossSpec.class, MeanCosineSpec.class));
    }

    @Test
    void aNewAugmentationIsAPipelineStep() {
        Recipe r = parse("augment: {views: 2, pipeline: [{type: invert}]}\n");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0f, 0.25f, 0.5f, 1f}, new Shape(1, 1, 2, 2));
            NDList views = r.augment().build().apply(x, new SeedTree(0), 0);
            assertEquals(2, views.size());
            assertArrayEquals(new float[] {1f, 0.75f, 0.5f, 0f}, views.get(1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aNewMethodDeclaresWhatItReadsAndTrains() {
        String body = """
                augment: {views: 2, pipeline: [{type: gaussian_noise, sigma: 0.1, p: 1}]}
                model: {encoder: {type: mlp, widths: [8]}, head: {hidden: 8, out: 4}}
                """;
        assertEquals("r.yaml:4: loss must be absent for method 'fixed_simclr', found a loss section; fixed_simclr's loss "
                + "is NT-Xent at method.temperature", assertThrows(SelfsupException.class,
                        () -> parse("method: {type: fixed_simclr, temperature: 0.3}\n" + body + "loss: {type: info_nce}\n"))
                        .getMessage());
        Recipe mine = parse("method: {type: fixed_simclr, temperature: 0.3}\n" + body);
        Recipe builtIn = parse("loss: {type: info_nce, temperature: 0.3}\n" + body);
        assertEquals(false, RecipeWriter.toYaml(mine).contains("\nloss:"));
        assertEquals(stepLoss(builtIn), stepLoss(mine), 1e-6, "the same loss as contrastive + info_nce at τ 0.3");
    }

    private static double stepLoss(Recipe r) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] px = new float[6 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextDouble();
        }
        Shape input = new Shape(1, 1, 2, 2);
        try (NDManager root = NDManager.newBaseManager()) {
            HypersphereNetwork net = new HypersphereNetwork(r.model());
            net.initialize(root, input, 7);
            StepFunction step = r.buildMethod(net, new SeedTree(1), root, input);
            try (NDManager scope = root.newSubManager()) {
                return step.loss(scope, new Batch(px, new int[] {0, 1, 2, 3, 4, 5}, new int[6], 1, 2, 2), 0).getFloat();
            }
        }
    }

    @Test
    void aNewDatasetFormatIsNamedInTheDataSection() {
        Recipe r = parse("data: {dataset: ramp, limit: 4}\nmodel: {encoder: {type: mlp, widths: [4]}}\n");
        ImageSet train = r.data().load().train();
        float[] buf = new float[2 * 4];
        train.fill(new int[] {0, 3}, buf);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, buf, 1e-6f);
        assertTrue(assertThrows(SelfsupException.class, () -> parse("data: {dataset: rampp}\n")).getMessage()
                .contains("must be one of [cifar10, cifar100, fashion_mnist, idx, image_folder, mnist, ramp, stl10], found 'rampp'"));
    }
}
