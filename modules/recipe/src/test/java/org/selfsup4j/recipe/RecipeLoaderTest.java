package org.selfsup4j.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.augment.GaussianNoise;
import org.selfsup4j.augment.RandomResizedCrop;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.losses.InfoNceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeLoaderTest {
    @TempDir
    Path tmp;

    private static Recipe parse(String text, String... sets) {
        return RecipeLoader.parse(text, "r.yaml", "r", List.of(sets));
    }

    private static String error(String text, String... sets) {
        return assertThrows(SelfsupException.class, () -> parse(text, sets)).getMessage();
    }

    @Test
    void everyShippedRecipeIsValid() throws Exception {
        Path dir = Path.of("../../recipes");
        try (var files = Files.list(dir)) {
            List<Path> recipes = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertEquals(true, recipes.size() >= 2, "recipes found: " + recipes);
            for (Path p : recipes) {
                Recipe r = RecipeLoader.load(p, List.of());
                assertEquals(r, RecipeLoader.parse(RecipeWriter.toYaml(r), "resolved", "x", List.of()), p.toString());
            }
        }
    }

    @Test
    void sectionsStateOnlyWhatDiffers() {
        Recipe r = parse("""
                seed: 7
                model:
                  encoder: {channels: [8, 16]}
                loss: {temperature: 0.2}
                augment:
                  pipeline:
                    - {type: random_resized_crop, scale_min: 0.5}
                    - {type: gaussian_noise}
                train: {epochs: 2}
                """);
        assertEquals("r", r.name());
        assertEquals(7, r.seed());
        assertEquals(new ConvNetSpec(List.of(8, 16), true), r.model().encoder());
        assertEquals(new InfoNceSpec(0.2, "cosine", null), r.loss());
        assertEquals(new RandomResizedCrop(0.5, 1.0, 0.75, 4.0 / 3), r.augment().pipeline().get(0));
        assertEquals(GaussianNoise.defaults(), r.augment().pipeline().get(1));
        assertEquals(2, r.train().epochs());
        assertEquals(256, r.train().batchSize());
        assertNull(r.eval());
        assertEquals(org.selfsup4j.probe.ProbeSpec.defaults(), parse("eval:\n").eval());
    }

    @Test
    void overridesApplyAfterTheFile() {
        Recipe r = parse("train: {epochs: 3}\n", "train.max_steps=20", "data.limit=2000", "optimizer.lr=1e-3",
                "model.encoder.channels=[4, 8]", "device=cpu");
        assertEquals(20, r.train().maxSteps());
        assertEquals(3, r.train().epochs());
        assertEquals(2000, r.data().limit());
        assertEquals(1e-3, r.optimizer().lr());
        assertEquals(List.of(4, 8), ((ConvNetSpec) r.model().encoder()).channels());
        assertEquals("cpu", r.device());
    }

    @Test
    void unknownKeysNameTheLineAndSuggest() {
        assertEquals("r.yaml:3: key 'train.epoch' must be one of [epochs, max_steps, batch_size, prefetch, "
                + "checkpoint_every_epoch, state_every_steps, keep_states, non_finite, rollback_lr_factor, max_rollbacks], "
                + "found an unknown key; did you mean 'epochs'?",
                error("seed: 1\ntrain:\n  epoch: 3\n"));
        assertEquals("r.yaml:1: key 'sed' must be one of [name, seed, device, data, method, augment, model, loss, optimizer, "
                + "train, eval], found an unknown key; did you mean 'seed'?", error("sed: 1\n"));
        assertEquals("r.yaml:1: loss.type must be one of [info_nce, supcon, siamese, triplet, npairs, align_uniform], found 'infonce'; did you mean 'info_nce'?",
                error("loss: {type: infonce}\n"));
    }

    @Test
    void wrongTypesAndRangesNameTheLine() {
        assertEquals("r.yaml:2: train.epochs must be an integer, found 'ten'", error("train:\n  epochs: ten\n"));
        assertEquals("r.yaml:3: loss.temperature must be a finite number > 0, found -0.5",
                error("seed: 3\nloss:\n  temperature: -0.5\n"));
        assertEquals("r.yaml:1: train.batch_size must be an integer >= 2, found 1", error("train: {batch_size: 1}\n"));
        assertEquals("r.yaml:2: augment.pipeline[0].p must be in [0.0, 1.0], found 2.0",
                error("augment:\n  pipeline: [{type: horizontal_flip, p: 2}]\n"));
        assertEquals("r.yaml:1: device must be one of auto, cpu, gpu, gpu:N, found 'tpu'", error("device: tpu\n"));
        assertEquals("r.yaml:1: train.checkpoint_every_epoch must be true or false, found 'yes please'",
                error("train: {checkpoint_every_epoch: yes please}\n"));
        assertEquals("r.yaml:1: train must be a section (key: value lines), found '3'", error("train: 3\n"));
    }

    @Test
    void overrideErrorsNameTheOverride() {
        assertEquals("--set train.max_steps: train.max_steps must be an integer >= 0, found -1",
                error("", "train.max_steps=-1"));
        assertEquals("--set train.epochs: train.epochs must be an integer, found 'x'", error("", "train.epochs=x"));
        assertEquals("--set trainmax_steps: override must be key.path=value (e.g. train.max_steps=20), "
                + "found 'trainmax_steps'", error("", "trainmax_steps"));
        assertEquals("--set seed.x: seed must be a section to set 'x' in, found a single value", error("seed: 1\n", "seed.x=2"));
    }

    @Test
    void syntaxErrorsAndDuplicatesNameTheLine() {
        String e = error("seed: 1\ntrain: {epochs: 2\n");
        assertEquals(true, e.startsWith("r.yaml:"), e);
        assertEquals(true, e.contains("recipe must be valid YAML, found a syntax error"), e);
        assertEquals("r.yaml:3: key 'seed' must be unique in its section, found a second 'seed' (first at r.yaml:1)",
                error("seed: 1\nname: x\nseed: 2\n"));
        assertEquals("r.yaml:1: recipe must be a YAML map of sections, found a list", error("- a\n- b\n"));
    }

    @Test
    void missingFileIsACleanError() {
        Path p = tmp.resolve("nope.yaml");
        assertEquals(p + ": recipe must be an existing YAML file, found no such file",
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(p, List.of())).getMessage());
    }

    @Test
    void yamlTagsNeverInstantiateClasses() {
        String e = error("name: !!java.io.File /tmp\n");
        assertEquals(true, e.startsWith("r.yaml:1: name must be 1-64 letters") || e.contains("valid YAML"), e);
    }

    @Test
    void methodsLossesMinersAndWeightingsBindByType() {
        Recipe r = parse("""
                method: {type: metric, samples_per_class: 16}
                loss:
                  type: triplet
                  margin: 0.3
                  miner: {type: semi_hard, margin: 0.1}
                """);
        assertEquals(new org.selfsup4j.train.MetricMethodSpec(16), r.method());
        assertEquals(new org.selfsup4j.losses.TripletSpec("euclidean", 0.3, "mean", false,
                new org.selfsup4j.losses.SemiHardMiner(0.1)), r.loss());
        Recipe moco = parse("""
                method: {type: contrastive, memory_bank: {size: 128}, mochi: {hardest: 16}}
                loss: {type: info_nce, hard_negatives: {type: top_k, k: 5}}
                """);
        assertEquals(new org.selfsup4j.train.ContrastiveMethodSpec(new org.selfsup4j.train.MemoryBankSpec(128, 0.99),
                new org.selfsup4j.losses.MochiMixer(16, 128, 32)), moco.method());
        assertEquals(new InfoNceSpec(0.5, "cosine", new org.selfsup4j.losses.TopKNegatives(5)), moco.loss());
        for (Recipe x : List.of(r, moco, parse("eval: false\n"), parse("method: {type: metric}\nloss: {type: npairs}\n"))) {
            assertEquals(x, RecipeLoader.parse(RecipeWriter.toYaml(x), "resolved", "x", List.of()), "absent sections stay absent");
        }
        assertNull(parse("eval: false\n").eval());
    }

    @Test
    void methodAndLossMismatchesAreCleanErrors() {
        assertEquals("r.yaml:1: method.mochi must be used with a memory_bank, found no memory_bank; "
                + "add method.memory_bank: {size: 4096}", error("method: {type: contrastive, mochi: {hardest: 8}}\n"));
        assertEquals("r.yaml:1: method.memory_bank must be used with loss info_nce or supcon, found loss 'triplet'; "
                + "remove method.memory_bank or change the loss",
                error("method: {type: contrastive, memory_bank: {size: 64}}\nloss: {type: triplet}\n"));
        assertEquals("r.yaml:3: loss.miner.type must be one of [all_pairs, all_triplets, batch_hard, semi_hard, "
                + "hard_negative_pairs], found 'batchhard'; did you mean 'batch_hard'?",
                error("loss:\n  type: triplet\n  miner: {type: batchhard}\n"));
        assertEquals("r.yaml:1: loss.margin must be a finite number >= 0, found -0.2",
                error("loss: {type: triplet, margin: -0.2}\n"));
        assertEquals("r.yaml:1: loss.hard_negatives.tau_plus must be in [0.0, 0.999], found 1.0",
                error("loss: {type: info_nce, hard_negatives: {type: hcl, tau_plus: 1}}\n"));
        assertEquals("r.yaml:1: augment.views must be >= 2 for contrastive pretraining, found 1",
                error("augment: {views: 1}\n"));
        assertEquals("r.yaml:1: method.samples_per_class must be 0 (random batches) or >= 2, found 1; "
                + "a class needs two samples to form a positive", error("method: {type: metric, samples_per_class: 1}\n"));
    }

    @Test
    void augmentationPresetsGroupsAndLocalCropsBind() {
        Recipe preset = parse("augment: {preset: byol}\n");
        assertEquals(org.selfsup4j.augment.ViewsSpec.preset("byol"), preset.augment());
        assertEquals(2, preset.augment().viewCount());
        Recipe groups = parse("""
                augment:
                  groups:
                    - count: 1
                      pipeline:
                        - {type: random_affine, degrees: 90, translate: 0, scale_min: 1, scale_max: 1}
                        - {type: normalize, mean: [0.5], std: [0.25]}
                    - count: 2
                      pipeline:
                        - {type: gaussian_blur, kernel_size: 5, sigma_min: 0.5, sigma_max: 1.5, p: 1}
                        - {type: normalize, mean: [0.5], std: [0.25]}
                  local_crops: false
                """);
        List<org.selfsup4j.augment.ViewGroup> g = groups.augment().resolvedGroups();
        assertEquals(3, groups.augment().viewCount());
        assertEquals(new org.selfsup4j.augment.RandomAffine(90, 0, 1, 1, 0, 1), g.get(0).pipeline().get(0));
        assertEquals(new org.selfsup4j.augment.GaussianBlur(5, 0.5, 1.5, 1), g.get(1).pipeline().get(0));
        assertEquals(new org.selfsup4j.augment.Normalize(List.of(0.5), List.of(0.25)),
                groups.augment().inference().orElseThrow());
        Recipe multi = parse("augment: {preset: simclr, views: 3, local_crops: {count: 6}}\n");
        assertEquals(9, multi.augment().viewCount());
        assertEquals(new RandomResizedCrop(0.05, 0.3, 0.08, 1.0, 12).size(),
                ((RandomResizedCrop) multi.augment().resolvedGroups().get(1).pipeline().get(0)).size());
        for (Recipe x : List.of(preset, groups, multi)) {
            assertEquals(x, RecipeLoader.parse(RecipeWriter.toYaml(x), "resolved", "x", List.of()));
        }
        // every registered augmentation binds from its defaults and writes back
        for (Class<? extends Record> op : Registry.members(org.selfsup4j.augment.Augmentation.class)) {
            Recipe r = parse("augment:\n  pipeline:\n    - {type: " + Registry.typeName(op) + "}\n");
            assertEquals(op, r.augment().pipeline().get(0).getClass());
            assertEquals(r, RecipeLoader.parse(RecipeWriter.toYaml(r), "resolved", "x", List.of()), op.getName());
        }
    }

    @Test
    void augmentationMistakesAreCleanErrors() {
        assertEquals("r.yaml:1: augment.preset must be one of [simclr, byol, mae, grayscale, none], found 'simclar'",
                error("augment: {preset: simclar}\n"));
        assertEquals("r.yaml:1: augment.preset must be given alone: name one of preset, pipeline or groups, "
                + "found more than one", error("augment: {preset: simclr, pipeline: [{type: horizontal_flip}]}\n"));
        assertEquals("r.yaml:1: augment.views must be 0 for the asymmetric preset 'byol' (2 different views), found 4",
                error("augment: {preset: byol, views: 4}\n"));
        assertEquals("r.yaml:3: augment.pipeline[0].type must be one of [random_resized_crop, horizontal_flip, "
                + "vertical_flip, random_affine, gaussian_blur, color_jitter, random_grayscale, random_gamma, "
                + "gaussian_noise, random_erasing, solarize, normalize], found 'color_jiter'; did you mean 'color_jitter'?",
                error("augment:\n  pipeline:\n    - {type: color_jiter}\n"));
        assertEquals("r.yaml:3: augment.pipeline[0].kernel_size must be 0 (auto) or an odd number >= 3, found 4",
                error("augment:\n  pipeline:\n    - {type: gaussian_blur, kernel_size: 4}\n"));
        assertEquals("r.yaml:1: augment.normalize must be the last step of its pipeline, found step 1 of 2",
                error("augment: {pipeline: [{type: normalize}, {type: horizontal_flip}]}\n"));
        assertEquals("r.yaml:1: augment.views must be >= 2 for contrastive pretraining, found 1",
                error("augment: {preset: mae}\n"));
    }

    @Test
    void predictiveMethodNeedsAPredictorOfTheHeadsSize() {
        assertEquals("r.yaml:1: model.predictor must be given for method 'predictive', found none; add model.predictor: "
                + "{type: projection, hidden: 256, out: 128}", error("method: {type: predictive}\n"));
        assertEquals("r.yaml:2: model.predictor.out must be the head's output dimension 128, found 64",
                error("method: {type: predictive}\nmodel: {predictor: {type: projection, out: 64}}\n"));
        Recipe r = parse("method: {type: predictive, momentum: 0}\nmodel: {predictor: {type: projection, hidden: 32}}\n");
        assertEquals(new org.selfsup4j.train.PredictiveMethodSpec(0), r.method());
        assertEquals(32, ((org.selfsup4j.encoders.ProjectionHeadSpec) r.model().predictor()).hidden());
    }

    @Test
    void aSectionTheMethodDoesNotReadIsRefusedAtItsLine() {
        assertEquals("r.yaml:4: loss must be absent for method 'predictive', found a loss section; "
                + "BYOL/SimSiam train with their own 2 − 2cos objective", error("""
                method: {type: predictive}
                model:
                  predictor: {type: projection}
                loss: {type: triplet}
                """));
        assertEquals("--set loss.temperature: loss must be absent for method 'predictive', found a loss section; "
                + "BYOL/SimSiam train with their own 2 − 2cos objective",
                error("method: {type: predictive}\nmodel: {predictor: {type: projection}}\n", "loss.temperature=0.2"));
        String pca = "method: {type: pca}\nmodel:\n  encoder: {type: ae_mlp, widths: [], code_activation: identity}\n";
        assertEquals("r.yaml:4: optimizer must be absent for method 'pca', found an optimizer section; PCA is fitted in "
                + "closed form on the images as they are: no views, no loss, no head, no optimizer",
                error(pca + "optimizer: {lr: 0.1}\n"));
        assertEquals("r.yaml:4: augment must be absent for method 'pca', found an augment section; PCA is fitted in "
                + "closed form on the images as they are: no views, no loss, no head, no optimizer",
                error(pca + "augment: {preset: none}\n"));
        assertEquals("r.yaml:4: model.head must be absent for method 'mae', found a model.head section; MAE trains a ViT "
                + "and its decoder on the hidden patches' squared error, nothing else", error("""
                method: {type: mae}
                model:
                  encoder: {type: vit}
                  head: {type: projection, out: 64}
                augment: {preset: mae}
                """));
        assertEquals("r.yaml:1: model.predictor must be absent for method 'contrastive', found a predictor; "
                + "method 'contrastive' does not read it", error("model: {predictor: {type: projection}}\n"));
        // SECTION: false is absent, not a section
        assertNull(parse(pca + "loss: false\n").loss());
    }

    @Test
    void encoderAndMethodCompatibilityIsDeclaredByTheMethod() {
        assertEquals("r.yaml:1: model.encoder.type must be vit for method 'mae', found 'convnet'",
                error("method: {type: mae}\naugment: {preset: mae}\n"));
        assertEquals("r.yaml:1: model.encoder.type must be ae_mlp or ae_conv for method 'autoencoder', found 'resnet'",
                error("method: {type: autoencoder}\naugment: {preset: none}\nmodel: {encoder: {type: resnet}}\n"));
        assertEquals("r.yaml:1: model.encoder.type must be kmeans for method 'kmeans', found 'convnet'",
                error("method: {type: kmeans}\n"));
    }

    @Test
    void theResolvedRecipeHoldsOnlyWhatTheMethodReads() {
        Recipe byol = parse("method: {type: predictive}\nmodel: {predictor: {type: projection}}\n");
        String text = RecipeWriter.toYaml(byol);
        assertNull(byol.loss());
        assertEquals(false, text.contains("\nloss:"), text);
        assertEquals(true, text.contains("predictor:"), text);
        assertEquals(byol, parse(text));
        Recipe pca = parse("method: {type: pca}\nmodel:\n  encoder: {type: ae_mlp, widths: [], code_activation: identity}\n");
        text = RecipeWriter.toYaml(pca);
        for (String absent : List.of("\nloss:", "\naugment:", "\noptimizer:", "  head:", "  predictor:")) {
            assertEquals(false, text.contains(absent), absent + " in\n" + text);
        }
        assertEquals(true, text.contains("\ntrain:"), text);
        assertEquals(pca, parse(text));
        Recipe simclr = parse("");
        text = RecipeWriter.toYaml(simclr);
        for (String present : List.of("\nloss:", "\naugment:", "\noptimizer:", "  head:")) {
            assertEquals(true, text.contains(present), present + " missing in\n" + text);
        }
        assertEquals(false, text.contains("predictor"), text);
    }

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void includedFilesMergeInOrderAndTheIncludingFileWins() throws Exception {
        write("parts/model.yaml", """
                model:
                  encoder: {type: convnet, channels: [8, 16]}
                  head: {hidden: 32, out: 16}
                loss: {type: triplet, margin: 0.3}
                """);
        write("parts/train.yaml", """
                include: [model.yaml]
                train: {epochs: 3, batch_size: 64}
                model:
                  head: {out: 24}
                """);
        Path recipe = write("recipes/x.yaml", """
                include: [../parts/train.yaml]
                train: {epochs: 5}
                loss: {type: info_nce, temperature: 0.3}
                """);
        Recipe r = RecipeLoader.load(recipe, List.of("train.batch_size=32"));
        assertEquals(new ConvNetSpec(List.of(8, 16), true), r.model().encoder());
        assertEquals(32, ((org.selfsup4j.encoders.ProjectionHeadSpec) r.model().head()).hidden());
        assertEquals(24, r.model().head().outDim(), "the part that includes wins over the part it includes");
        assertEquals(5, r.train().epochs(), "the recipe wins over its parts");
        assertEquals(32, r.train().batchSize(), "--set wins over everything");
        assertEquals(new InfoNceSpec(0.3, "cosine", null), r.loss(), "a map of another type replaces, not merges");
        String resolved = RecipeWriter.toYaml(r);
        assertEquals(false, resolved.contains("\ninclude:"), resolved);
        assertEquals(r, parse(resolved, "train.batch_size=32"), "the resolved recipe is fully expanded");
        // an error points into the file that holds the value
        write("parts/bad.yaml", "train:\n  epochs: -1\n");
        assertEquals(tmp.resolve("recipes/../parts/bad.yaml").normalize() + ":2: train.epochs must be an integer >= 1, found -1",
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(write("recipes/y.yaml",
                        "include: [../parts/bad.yaml]\n"), List.of())).getMessage());
        assertEquals(true, RecipeLoader.textWithIncludes(recipe).contains("margin: 0.3"));
    }

    @Test
    void missingIncludesAndCyclesAreErrorsAtTheIncludeLine() throws Exception {
        Path missing = write("recipes/m.yaml", "seed: 1\ninclude: [nope.yaml]\n");
        assertEquals(missing + ":2: include must be a YAML file relative to the including file's folder, found no "
                + tmp.resolve("recipes/nope.yaml"),
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(missing, List.of())).getMessage());
        write("recipes/a.yaml", "include: [b.yaml]\n");
        write("recipes/b.yaml", "include: [a.yaml]\n");
        assertEquals(tmp.resolve("recipes/b.yaml") + ":1: include must be free of cycles, found a.yaml → b.yaml → a.yaml",
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(tmp.resolve("recipes/a.yaml"), List.of()))
                        .getMessage());
        Path self = write("recipes/s.yaml", "include: s.yaml\n");
        assertEquals(self + ":1: include must be free of cycles, found s.yaml → s.yaml",
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(self, List.of())).getMessage());
        Path number = write("recipes/n.yaml", "include: [3]\n");
        assertEquals(number + ":1: include must be a list of file paths, found a non-path value",
                assertThrows(SelfsupException.class, () -> RecipeLoader.load(number, List.of())).getMessage());
    }
}
