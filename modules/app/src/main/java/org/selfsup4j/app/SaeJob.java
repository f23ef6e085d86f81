package org.selfsup4j.app;

import org.selfsup4j.data.Splits;
import org.selfsup4j.recipe.Registry;
import org.selfsup4j.recipe.Recipe;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.selfsup4j.autoencoders.ActivationSae;
import org.selfsup4j.autoencoders.SaeSpec;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.probe.FeatureExtractor;
import org.selfsup4j.probe.Features;

/**
 * {@code selfsup sae RUN_DIR}: trains an {@link ActivationSae} on the run's frozen encoder outputs f(x)
 * over the training images, evaluates it on the test images, and writes to {@code OUT} (default
 * {@code RUN_DIR/sae}) {@code sae.json} (settings, train and test figures) and {@code top-activations.png}
 * (16 live features drawn from the stream {@code sae/figure}, each with its 8 most activating test images;
 * not written when no feature fires on 8 test images).
 */
public final class SaeJob {
    /** The report's file name. */
    public static final String REPORT = "sae.json";
    /** The figure's file name. */
    public static final String FIGURE = "top-activations.png";
    private static final int SHOWN = 16;
    private static final int PER_ROW = 8;
    private static final int BATCH = 512;

    private SaeJob() {}

    /**
     * @param runDir a complete run
     * @param spec the SAE settings
     * @param outDir where the outputs go, or {@code null} for {@code RUN_DIR/sae}
     * @param log where progress lines go
     * @return the report written to {@code sae.json}
     */
    public static Map<String, Object> run(Path runDir, SaeSpec spec, Path outDir, PrintStream log) {
        return run(runDir, spec, -1, outDir, log);
    }

    /**
     * @param runDir a complete run
     * @param spec the SAE settings
     * @param layer the index of the encoder's layer whose outputs are used (averaged over positions when
     *     they are feature maps or token sequences), or −1 for the encoder's output f(x)
     * @param outDir where the outputs go, or {@code null} for {@code RUN_DIR/sae}
     * @param log where progress lines go
     * @return the report written to {@code sae.json}
     */
    public static Map<String, Object> run(Path runDir, SaeSpec spec, int layer, Path outDir, PrintStream log) {
        FinishedRun finished = FinishedRun.open(runDir);
        Path out = outDir != null ? outDir : runDir.resolve("sae");
        RunDirectory.checkWritable(out);
        Recipe recipe = finished.recipe();
        Splits splits = recipe.data().load();
        ImageSet trainSet = splits.train();
        ImageSet testSet = splits.test();
        Map<String, Object> report = new LinkedHashMap<>();
        byte[] png;
        long t0 = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager(recipe.deviceSpec().resolve(Engine.getInstance()))) {
            png = train(finished, recipe, spec, layer, trainSet, testSet, report, root, log);
        } catch (Interrupted e) {
            throw e.where("during the SAE of " + runDir, "nothing was written; run it again");
        }
        report.put("seconds", Math.round((System.nanoTime() - t0) * 1e-8) / 10.0);
        if (png != null) {
            RunDirectory.writeAtomically(out.resolve(FIGURE), png);
        }
        RunDirectory.writeAtomically(out.resolve(REPORT), Json.prettyBytes(report));
        return report;
    }

    /** Trains and evaluates the SAE, fills the report and returns the figure (or {@code null}). */
    private static byte[] train(FinishedRun finished, Recipe recipe, SaeSpec spec, int layer, ImageSet trainSet,
            ImageSet testSet, Map<String, Object> report, NDManager root, PrintStream log) {
        byte[] png;
        Path runDir = finished.dir().path();
        Shape input = new Shape(1, trainSet.channels(), trainSet.height(), trainSet.width());
        HypersphereNetwork net = finished.network(root, input);
        Block source = layer < 0 ? net.encoder() : prefix(net.encoder(), layer, recipe);
        int dim;
        try (NDManager probe = root.newSubManager()) {
            dim = (int) source.forward(new ParameterStore(probe, false), new NDList(probe.zeros(input)), false)
                    .singletonOrThrow().getShape().get(1);
        }
        UnaryOperator<NDArray> norm = recipe.inference()
                .<UnaryOperator<NDArray>>map(nz -> x -> nz.apply(x, null)).orElse(UnaryOperator.identity());
        Features train = FeatureExtractor.extract(source, dim, trainSet, root, BATCH, norm);
        Features test = FeatureExtractor.extract(source, dim, testSet, root, BATCH, norm);
        log.printf(Locale.ROOT, "sae: %d + %d activations of dimension %d%n", train.n(), test.n(), dim);
        try (ActivationSae sae = new ActivationSae(train.values(), train.n(), dim, spec, root, log)) {
            ActivationSae.Report tr = sae.evaluate(train.values(), train.n());
            ActivationSae.Report te = sae.evaluate(test.values(), test.n());
            float[] acts = sae.features(test.values(), test.n());
            int[] chosen = liveSample(acts, test.n(), sae.featureCount(), new SeedTree(spec.seed()).stream("sae/figure"));
            try (NDManager scope = root.newSubManager()) {
                png = chosen.length == 0 ? null : ActivationSae.topActivations(acts, images(testSet, scope), chosen, PER_ROW);
            }
            report.put("source_run", runDir.toAbsolutePath().normalize().toString());
            report.put("layer", (layer < 0 ? "encoder output f(x)" : "encoder layer " + layer + " ("
                    + ((SequentialBlock) net.encoder()).getChildren().get(layer).getValue().getClass().getSimpleName()
                    + "), averaged over positions") + ", " + dim + " dimensions");
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("expansion", spec.expansion());
            settings.put("features", sae.featureCount());
            settings.put("l1", spec.l1());
            settings.put("epochs", spec.epochs());
            settings.put("batch_size", spec.batchSize());
            settings.put("lr", spec.lr());
            settings.put("seed", spec.seed());
            report.put("settings", settings);
            report.put("train", tr.toJson());
            report.put("test", te.toJson());
            report.put("features_shown", chosen);
        }
        return png;
    }

    /** The encoder's layers 0..layer, then an average over positions of a (N, C, H, W) or (N, T, D) output. */
    private static Block prefix(Block encoder, int layer, Recipe recipe) {
        if (!(encoder instanceof SequentialBlock seq)) {
            throw SelfsupException.of("--layer", "", "used with a convnet or mlp encoder (whose layers are a sequence)",
                    "'" + Registry.typeName(recipe.model().encoder().getClass()) + "'",
                    "leave --layer out to use the encoder's output");
        }
        List<Block> children = seq.getChildren().values();
        if (layer >= children.size()) {
            throw SelfsupException.of("--layer", "", "in [0, " + (children.size() - 1) + "] for this encoder", layer,
                    "leave it out to use the encoder's output");
        }
        SequentialBlock out = new SequentialBlock();
        for (int i = 0; i <= layer; i++) {
            out.add(children.get(i));
        }
        return out.add(new LambdaBlock(in -> {
            NDArray a = in.singletonOrThrow();
            int rank = a.getShape().dimension();
            return new NDList(rank == 4 ? a.mean(new int[] {3}).mean(new int[] {2}) : rank == 3 ? a.mean(new int[] {1}) : a);
        }, "position-average"));
    }

    /** Up to 16 features active on at least 8 images, drawn without replacement, in ascending order. */
    private static int[] liveSample(float[] acts, int n, int f, SplittableRandom rng) {
        List<Integer> live = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            int active = 0;
            for (int i = 0; i < n && active < PER_ROW; i++) {
                active += acts[i * f + j] > 0 ? 1 : 0;
            }
            if (active >= PER_ROW) {
                live.add(j);
            }
        }
        for (int i = live.size() - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            Integer tmp = live.get(i);
            live.set(i, live.get(k));
            live.set(k, tmp);
        }
        return live.subList(0, Math.min(SHOWN, live.size())).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static NDArray images(ImageSet set, NDManager m) {
        return ArrayIO.upload(m, set.toFloats(), new Shape(set.size(), set.channels(), set.height(), set.width()));
    }
}
