package org.selfsup4j.recipe;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.Provenance;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.FashionMnist;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.train.Checkpoints;
import org.selfsup4j.train.MetricsLog;
import org.selfsup4j.train.ProgressBar;
import org.selfsup4j.train.StepFunction;
import org.selfsup4j.train.TrainingLoop;
import org.selfsup4j.train.WarmupCosine;

/**
 * Runs a pretraining recipe end to end, as {@code selfsup pretrain} does: loads the data and resolves
 * the device (both before anything is written), creates the run directory with
 * {@code resolved-recipe.yaml}, {@code provenance.json} and {@code augment-preview.png} (8 images), trains with
 * progress, {@code metrics.jsonl} and checkpoints, writes the method's figures (MAE's
 * {@code reconstructions.png}), marks the run complete, and probes it when the recipe has an {@code eval} section.
 * A failure marks the run {@code failed}, so it never looks complete.
 */
public final class PretrainJob {
    private static final int PREVIEW_IMAGES = 8;

    private PretrainJob() {}

    /**
     * The outcome.
     *
     * @param runDir the run directory
     * @param steps optimizer steps done
     * @param seconds training wall time
     * @param probe the probe report, or {@code null} without an eval section
     */
    public record Result(Path runDir, long steps, double seconds, ProbeReport probe) {}

    /**
     * @param recipe the recipe
     * @param runsDir the parent of the run directory
     * @param progress where the progress line and the probe's timings go
     * @param terminal whether {@code progress} is a terminal
     * @return the outcome
     */
    public static Result run(Recipe recipe, Path runsDir, PrintStream progress, boolean terminal) {
        FashionMnist.Splits splits = FashionMnist.load(recipe.data().locator());
        Engine engine = Engine.getInstance();
        Device device = recipe.deviceSpec().resolve(engine);
        ImageSet train = splits.train().limit(recipe.data().limit());
        if (recipe.train().batchSize() > train.size()) {
            throw SelfsupException.of("train.batch_size", "", "<= the number of training images (" + train.size() + ")",
                    recipe.train().batchSize(), "lower it or raise data.limit");
        }
        Shape inputShape = new Shape(1, train.channels(), train.height(), train.width());
        recipe.method().validateInput(recipe.model(), inputShape);
        String resolved = RecipeWriter.toYaml(recipe);
        RunDirectory run = RunDirectory.create(runsDir, recipe.name(), Instant.now());
        try {
            run.writeText("resolved-recipe.yaml", resolved);
            run.writeText("provenance.json", Json.pretty(Provenance.collect(resolved, recipe.seed(), device, engine,
                    splits.fileSha256())));
            SeedTree seeds = new SeedTree(recipe.seed());
            long t0 = System.nanoTime();
            long steps;
            try (NDManager root = NDManager.newBaseManager(device);
                    MetricsLog metrics = new MetricsLog(run.resolve("metrics.jsonl"))) {
                HypersphereNetwork net = new HypersphereNetwork(recipe.model());
                net.initialize(root, inputShape, seeds.seed("init"));
                RunDirectory.writeAtomically(run.resolve(AugmentPreview.FILE),
                        AugmentPreview.png(recipe, train, Math.min(PREVIEW_IMAGES, train.size()), root));
                EpochSampler sampler = recipe.method().sampler(train, recipe.train().batchSize(), seeds);
                int perEpoch = sampler.batchesPerEpoch();
                WarmupCosine schedule = recipe.optimizer().schedule(perEpoch, TrainingLoop.totalSteps(recipe.train(), perEpoch));
                StepFunction method = recipe.method().build(net, recipe.augment().build(), recipe.loss().build(), seeds,
                        root, inputShape);
                List<Parameter> trained = method.parameters(net);
                TrainingLoop loop = new TrainingLoop(root, trained, recipe.optimizer().build(schedule, trained), schedule)
                        .addListener(new ProgressBar(progress, terminal, 50))
                        .addListener(metrics)
                        .addListener(new Checkpoints(run.path(), net, method.ownBlocks(),
                                recipe.train().checkpointEveryEpoch()));
                steps = loop.run(train, recipe.train(), sampler, method);
                try (NDManager scope = root.newSubManager()) {
                    NDArray sample = AugmentPreview.firstImages(train, Math.min(PREVIEW_IMAGES, train.size()), scope);
                    method.figures(sample, seeds).forEach((file, png) -> RunDirectory.writeAtomically(run.resolve(file), png));
                }
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            run.markComplete();
            ProbeReport probe = recipe.eval() == null ? null : ProbeJob.run(run.path(), recipe.eval(), null, splits, progress);
            return new Result(run.path(), steps, seconds, probe);
        } catch (RuntimeException e) {
            if (!isComplete(run)) {
                run.markFailed(e instanceof SelfsupException ? e.getMessage() : e.toString());
            }
            throw e;
        }
    }

    private static boolean isComplete(RunDirectory run) {
        try {
            RunDirectory.openComplete(run.path());
            return true;
        } catch (SelfsupException e) {
            return false;
        }
    }
}
