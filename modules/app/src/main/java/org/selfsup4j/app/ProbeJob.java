package org.selfsup4j.app;

import org.selfsup4j.data.Splits;
import org.selfsup4j.recipe.Recipe;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.selfsup4j.augment.Augmentation;
import org.selfsup4j.augment.HorizontalFlip;
import org.selfsup4j.augment.Pipeline;
import org.selfsup4j.augment.RandomResizedCrop;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.probe.FeatureExtractor;
import org.selfsup4j.probe.EmbeddingMap;
import org.selfsup4j.probe.Features;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.probe.ProbeSpec;

/**
 * Probes a finished run, as {@code selfsup probe RUN_DIR} does: rebuilds the encoder from the run's
 * {@code resolved-recipe.yaml}, loads {@code checkpoints/final.params}, extracts frozen features
 * {@code f(x)} (below the projection head, no augmentation) of all 60,000 training and 10,000 test
 * images, runs the linear probe and the weighted kNN, and writes {@code probe.json} atomically.
 * The probe uses the whole training split, whatever {@code data.limit} pretraining used, unless the
 * probe settings' {@code train_limit}/{@code test_limit} cut both splits (CI-sized suites).
 */
public final class ProbeJob {
    /** Test images whose two augmented views measure the alignment. */
    public static final int ALIGNMENT_IMAGES = 2000;
    /** The probe's output file inside a run. */
    public static final String OUTPUT = "probe.json";

    private ProbeJob() {}

    /**
     * @param runDir a complete run directory
     * @param spec the probe settings, or {@code null} for the run's eval section (or the defaults)
     * @param device a device override, or {@code null} for the run's device
     * @param splits the full dataset if already loaded, or {@code null} to load it as the run's recipe says
     * @param log where timings are reported
     * @return the report (also written to {@code probe.json})
     */
    public static ProbeReport run(Path runDir, ProbeSpec spec, DeviceSpec device, Splits splits,
            PrintStream log) {
        FinishedRun finished = FinishedRun.open(runDir);
        Recipe recipe = finished.recipe();
        ProbeSpec settings = spec != null ? spec : recipe.eval() != null ? recipe.eval() : ProbeSpec.defaults();
        Splits full = splits != null ? splits : recipe.data().load();
        Engine engine = Engine.getInstance();
        Device dev = (device != null ? device : recipe.deviceSpec()).resolve(engine);
        ProbeReport report;
        try (NDManager root = NDManager.newBaseManager(dev)) {
            HypersphereNetwork net = finished.network(root,
                    new Shape(1, full.train().channels(), full.train().height(), full.train().width()));
            report = evaluate(net.encoder(), recipe.model().encoder().featureDim(), inferenceInput(recipe), full, settings,
                    recipe.seed(), root, log, finished.dir().path());
        } catch (Interrupted e) {
            throw e.where("during the probe of " + runDir, "probe.json is unchanged; probe again with: selfsup probe "
                    + runDir);
        }
        RunDirectory.writeAtomically(finished.dir().resolve(OUTPUT), Json.prettyBytes(report.toJson(full.classNames())));
        RunReport.write(finished.dir().path());
        return report;
    }
    /**
     * The raw-pixel baseline with the default probe settings and root seed 0:
     * {@link #pixels(Path, ProbeSpec, long, DeviceSpec, Splits, PrintStream)}.
     *
     * @param outDir the folder for {@code probe.json} (created if missing)
     * @param device where the probe runs, or {@code null} for auto
     * @param splits the data, or {@code null} to load Fashion-MNIST
     * @param log where timings go
     * @return the report
     */
    public static ProbeReport pixels(Path outDir, DeviceSpec device, Splits splits, PrintStream log) {
        return pixels(outDir, ProbeSpec.defaults(), 0, device, splits, log);
    }

    /**
     * The raw-pixel baseline: the same linear probe and kNN as for a run, on the flattened images in
     * [0, 1] (C·H·W features: 784 for Fashion-MNIST). Writes {@code outDir/probe.json} with the same fields as a
     * run's; no run directory is involved.
     *
     * @param outDir the folder for {@code probe.json} (created if missing)
     * @param settings probe settings
     * @param seed the root seed (it draws the probe's validation split)
     * @param device where the probe runs, or {@code null} for auto
     * @param splits the data, or {@code null} to load Fashion-MNIST
     * @param log where timings go
     * @return the report
     */
    public static ProbeReport pixels(Path outDir, ProbeSpec settings, long seed, DeviceSpec device,
            Splits splits, PrintStream log) {
        RunDirectory.checkWritable(outDir);
        Splits full = splits != null ? splits : DataSpec.defaults().load();
        Engine engine = Engine.getInstance();
        Device dev = (device != null ? device : DeviceSpec.parse("auto")).resolve(engine);
        ProbeReport report;
        try (NDManager root = NDManager.newBaseManager(dev)) {
            ImageSet t = full.train();
            report = evaluate(Blocks.batchFlattenBlock(), t.imageSize(), UnaryOperator.identity(), full, settings, seed, root,
                    log, outDir);
        } catch (Interrupted e) {
            throw e.where("during the pixel probe", outDir.resolve(OUTPUT) + " is unchanged; run it again");
        }
        RunDirectory.writeAtomically(outDir.resolve(OUTPUT), Json.prettyBytes(report.toJson(full.classNames())));
        return report;
    }

    private static ImageSet trainSplit(Splits full, ProbeSpec settings) {
        return full.train().limit(ProbeSpec.used(full.train().size(), settings.trainLimit()));
    }

    private static ImageSet testSplit(Splits full, ProbeSpec settings) {
        return full.labelledTest().limit(ProbeSpec.used(full.test().size(), settings.testLimit()));
    }

    /**
     * Extracts the frozen features of the (possibly limited) splits and of two views of the first
     * {@value #ALIGNMENT_IMAGES} test images under {@link #alignmentViews()}, runs every evaluator, and
     * draws the test features' 2-D PCA map into {@code outDir/map-pca.png}.
     */
    private static ProbeReport evaluate(Block encoder, int dim, UnaryOperator<NDArray> input, Splits full,
            ProbeSpec settings, long seed, NDManager root, PrintStream log, Path outDir) {
        SeedTree seeds = new SeedTree(seed);
        long t0 = System.nanoTime();
        ImageSet testImages = testSplit(full, settings);
        Features train = FeatureExtractor.extract(encoder, dim, trainSplit(full, settings), root, settings.batchSize(), input);
        Features test = FeatureExtractor.extract(encoder, dim, testImages, root, settings.batchSize(), input);
        ImageSet pairs = testImages.limit(Math.min(ALIGNMENT_IMAGES, testImages.size()));
        Augmentation views = alignmentViews();
        Features[] positives = new Features[2];
        for (int v = 0; v < 2; v++) {
            SplittableRandom rng = seeds.stream("probe/alignment-view-" + v);
            positives[v] = FeatureExtractor.extract(encoder, dim, pairs, root, settings.batchSize(),
                    x -> input.apply(views.apply(x, rng)));
        }
        log.printf(java.util.Locale.ROOT, "probe: extracted %d + %d features of dimension %d (and 2 × %d views) in %.1f s%n",
                train.n(), test.n(), dim, pairs.size(), (System.nanoTime() - t0) * 1e-9);
        ProbeReport report = ProbeReport.evaluate(train, test, positives, settings, seeds, root);
        writeMap(outDir, test, full.classNames(), root);
        log.printf(java.util.Locale.ROOT, "probe: linear probe, kNN and metrics in %.1f s%n", report.seconds());
        return report;
    }

    /**
     * Draws the test features' PCA map into {@code dir/map-pca.png} (nothing below 2 dimensions).
     *
     * @param dir the folder
     * @param test the test features
     * @param classNames the dataset's class names
     * @param manager where to compute
     * @return the map's file, or {@code null} when none was drawn
     */
    static Path writeMap(Path dir, Features test, List<String> classNames, NDManager manager) {
        if (test.dim() < 2) {
            return null;
        }
        Path map = dir.resolve(EmbeddingMap.FILE);
        RunDirectory.writeAtomically(map, EmbeddingMap.png(test, classNames,
                "test features, first two principal components", manager));
        return map;
    }

    /**
     * @param recipe a recipe
     * @return the deterministic input transform of inference: the recipe's normalisation, or the identity
     */
    static UnaryOperator<NDArray> inferenceInput(Recipe recipe) {
        return recipe.inference().<UnaryOperator<NDArray>>map(norm -> x -> norm.apply(x, null))
                .orElse(UnaryOperator.identity());
    }

    /**
     * The augmentation whose two views of an image make the positive pairs of the alignment metric, the
     * same for every run and the pixel baseline so that alignments compare: a random resized crop (scale
     * 0.2 to 1, ratio 3/4 to 4/3) and a horizontal flip with p = 0.5, SimCLR's geometric pair.
     *
     * @return the pipeline
     */
    public static Augmentation alignmentViews() {
        return new Pipeline(List.of(RandomResizedCrop.defaults(), new HorizontalFlip(0.5)));
    }
}
