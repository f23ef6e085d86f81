package org.selfsup4j.app;

import org.selfsup4j.data.Splits;
import org.selfsup4j.recipe.RecipeWriter;
import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.recipe.Recipe;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.Provenance;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.train.Checkpoints;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.MetricsLog;
import org.selfsup4j.train.ProgressBar;
import org.selfsup4j.train.ResumableOptimizer;
import org.selfsup4j.train.Rollback;
import org.selfsup4j.train.StepFunction;
import org.selfsup4j.train.TrainingLoop;
import org.selfsup4j.train.TrainingState;
import org.selfsup4j.train.WarmupCosine;

/**
 * Runs a pretraining recipe end to end, as {@code selfsup pretrain} does: loads the data and resolves
 * the device (both before anything is written), creates the run directory with
 * {@code resolved-recipe.yaml}, {@code provenance.json} (with the dataset's image shape and class names) and
 * {@code augment-preview.png} (8 images), trains with
 * progress, {@code metrics.jsonl} and checkpoints, writes the method's figures (MAE's
 * {@code reconstructions.png}), marks the run complete, and probes it when the recipe has an {@code eval} section.
 * A failure marks the run {@code failed}, so it never looks complete. A signal (SIGTERM, SIGINT, SIGHUP)
 * stops training between two steps: a training state is written at that step, the run is marked
 * {@code interrupted}, and {@link Interrupted} says {@code interrupted at step S by SIGTERM; resume with:
 * selfsup pretrain --resume RUN_DIR}; the resumed run continues exactly as after a kill.
 */
public final class PretrainJob {
    private static final int PREVIEW_IMAGES = 8;
    private static final String RESOLVED = "resolved-recipe.yaml";
    private static final String METRICS = "metrics.jsonl";
    /** The provenance file, and its key for the dataset's image shape {@code [C, H, W]} (read by the export). */
    static final String PROVENANCE = "provenance.json";
    static final String PROVENANCE_SHAPE = "input_shape";

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
    public static Result run(Recipe given, Path runsDir, PrintStream progress, boolean terminal) {
        Splits splits = given.data().load();
        Recipe recipe = given.withDataStatistics(splits);
        Engine engine = Engine.getInstance();
        Device device = recipe.deviceSpec().resolve(engine);
        ImageSet train = checkedTrainSet(recipe, splits);
        String resolved = RecipeWriter.toYaml(recipe);
        RunDirectory run = RunDirectory.create(runsDir, recipe.name(), Instant.now());
        try {
            run.writeText(RESOLVED, resolved);
            Map<String, Object> provenance = Provenance.collect(resolved, recipe.seed(), device, engine,
                    splits.fileSha256());
            provenance.put(PROVENANCE_SHAPE, splits.imageShape());
            provenance.put("class_names", splits.classNames());
            provenance.put("dataset", Map.of("format", recipe.data().dataset(), "fingerprint", splits.fingerprint(),
                    "pretrain_split", recipe.data().pretrainSplit(), "pretrain_images", train.size(),
                    "skipped", splits.skipped()));
            run.writeText(PROVENANCE, Json.pretty(provenance));
        } catch (RuntimeException e) {
            run.markFailed(e instanceof SelfsupException ? e.getMessage() : e.toString());
            throw e;
        }
        return train(recipe, run, splits, train, device, false, progress, terminal);
    }

    /**
     * Resumes an unfinished run (killed, or stopped by an error) from its newest intact training state
     * ({@code checkpoints/state-S.bin}), or from the start when it has none. The recipe is the run's
     * {@code resolved-recipe.yaml}; {@code metrics.jsonl} is cut back to step S and continues. On CPU the
     * resumed run's losses equal those of an uninterrupted run, bit for bit.
     *
     * @param runDir the run directory
     * @param progress where the progress bar goes
     * @param terminal whether progress may redraw one line
     * @return the run directory, total steps, pretraining seconds of this session, and the probe report
     */
    public static Result resume(Path runDir, PrintStream progress, boolean terminal) {
        Path recipeFile = runDir.resolve(RESOLVED);
        if (!Files.isRegularFile(recipeFile)) {
            throw SelfsupException.of(runDir.toString(), "run directory", "a pretraining run (with " + RESOLVED + ")",
                    Files.isDirectory(runDir) ? "no " + RESOLVED : "no such directory",
                    "pass a folder printed by 'selfsup pretrain'");
        }
        Recipe recipe = RecipeLoader.load(recipeFile, List.of());
        Splits splits = recipe.data().load();
        Device device = recipe.deviceSpec().resolve(Engine.getInstance());
        ImageSet train = checkedTrainSet(recipe, splits);
        RunDirectory run = RunDirectory.openUnfinished(runDir);
        return train(recipe, run, splits, train, device, true, progress, terminal);
    }

    private static ImageSet checkedTrainSet(Recipe recipe, Splits splits) {
        ImageSet train = recipe.data().pretrainImages(splits);
        if (recipe.method().usesLabels() && !train.labelled()) {
            throw SelfsupException.of("method", "", "a method that reads no labels for the unlabelled "
                    + recipe.data().pretrainSplit() + " split of " + recipe.data().dataset(),
                    "'" + MethodSpec.name(recipe.method()) + "'",
                    "set data.pretrain_split: train, or arrange the images in class folders");
        }
        if (recipe.eval() != null) {
            splits.labelledTest(); // a probe needs labels: say so before training, not after
        }
        if (recipe.train().batchSize() > train.size()) {
            throw SelfsupException.of("train.batch_size", "", "<= the number of training images (" + train.size() + ")",
                    recipe.train().batchSize(), "lower it or raise data.limit");
        }
        recipe.method().validateInput(recipe.model(), new Shape(1, train.channels(), train.height(), train.width()));
        return train;
    }

    private static Result train(Recipe recipe, RunDirectory run, Splits splits, ImageSet train, Device device,
            boolean resume, PrintStream progress, boolean terminal) {
        Shape inputShape = new Shape(1, train.channels(), train.height(), train.width());
        try {
            SeedTree seeds = new SeedTree(recipe.seed());
            long t0 = System.nanoTime();
            long steps;
            try (NDManager root = NDManager.newBaseManager(device)) {
                HypersphereNetwork net = new HypersphereNetwork(recipe.model());
                net.initialize(root, inputShape, seeds.seed("init"));
                if (!resume) {
                    RunDirectory.writeAtomically(run.resolve(AugmentPreview.FILE),
                            AugmentPreview.png(recipe, train, Math.min(PREVIEW_IMAGES, train.size()), root));
                }
                EpochSampler sampler = recipe.method().sampler(train, recipe.train().batchSize(), seeds);
                StepFunction method = recipe.buildMethod(net, seeds, root, inputShape);
                if (recipe.optimizer() == null) {
                    // a method that reads no optimizer is fitted in closed form (MethodSpec.reads)
                    try (MetricsLog metrics = new MetricsLog(run.resolve(METRICS))) {
                        steps = method.fit(train, root, seeds, metrics, progress).orElseThrow(() -> new IllegalStateException(
                                recipe.method() + " reads no optimizer but has no closed-form fit"));
                    }
                    new Checkpoints(run.path(), net, method, null, null, recipe.train()).save(Checkpoints.FINAL);
                } else {
                    int perEpoch = sampler.batchesPerEpoch();
                    WarmupCosine schedule = recipe.optimizer().schedule(perEpoch,
                            TrainingLoop.totalSteps(recipe.train(), perEpoch));
                    List<Parameter> trained = method.parameters(net);
                    ResumableOptimizer optimizer = recipe.optimizer().build(schedule, trained);
                    // restore (which cuts metrics.jsonl back to the state's step) before the log is opened
                    long start = resume ? restore(run, net, method, optimizer, schedule, progress) : 0;
                    try (MetricsLog metrics = new MetricsLog(run.resolve(METRICS))) {
                        steps = gradientSteps(recipe, run, root, net, method, trained, optimizer, schedule, metrics,
                                train, splits.train(), sampler, start, progress, terminal);
                    }
                }
                try (NDManager scope = root.newSubManager()) {
                    NDArray sample = AugmentPreview.firstImages(train, Math.min(PREVIEW_IMAGES, train.size()), scope);
                    method.figures(sample, seeds).forEach((file, png) -> RunDirectory.writeAtomically(run.resolve(file), png));
                }
                method.evaluate(splits.labelled() ? splits.test() : train, root).forEach((file, values) ->
                        RunDirectory.writeAtomically(run.resolve(file), Json.prettyBytes(values)));
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            run.markComplete();
            ProbeReport probe = recipe.eval() == null ? null : ProbeJob.run(run.path(), recipe.eval(), null, splits, progress);
            if (probe == null) {
                RunReport.write(run.path()); // with a probe, ProbeJob has written it
            }
            return new Result(run.path(), steps, seconds, probe);
        } catch (Interrupted e) {
            boolean complete = isComplete(run);
            Interrupted said = complete
                    ? e.where("during the probe of " + run.path(), "the run is complete; probe it with: selfsup probe "
                            + run.path())
                    : e.where(e.what() == null ? "before training" : e.what(), "resume with: selfsup pretrain --resume "
                            + run.path());
            if (!complete) {
                run.markInterrupted(e.signal(), said.getMessage());
            }
            reportQuietly(run);
            throw said;
        } catch (RuntimeException e) {
            if (!isComplete(run)) {
                run.markFailed(e instanceof SelfsupException ? e.getMessage() : e.toString());
            }
            reportQuietly(run);
            throw e;
        }
    }

    /** A failed run's report shows what there is (state and reason, curves so far); it never hides the error. */
    private static void reportQuietly(RunDirectory run) {
        try {
            RunReport.write(run.path());
        } catch (RuntimeException ignored) {
            // the original failure is what the user must see
        }
    }

    private static long gradientSteps(Recipe recipe, RunDirectory run, NDManager root, HypersphereNetwork net,
            StepFunction method,
            List<Parameter> trained, ResumableOptimizer optimizer, WarmupCosine schedule, MetricsLog metrics, ImageSet train,
            ImageSet labelled, EpochSampler sampler, long start, PrintStream progress, boolean terminal) {
        TrainingLoop loop = new TrainingLoop(root, trained, optimizer, schedule)
                .addListener(new ProgressBar(progress, terminal, 50))
                .addListener(metrics)
                .addListener(new Checkpoints(run.path(), net, method, optimizer, schedule, recipe.train()));
        if (recipe.eval() != null && recipe.eval().online() != null) {
            loop.addListener(new OnlineProbe(recipe.eval().online(), net.encoder(), recipe.model().encoder().featureDim(),
                    ProbeJob.inferenceInput(recipe), labelled, recipe.eval().batchSize(), new SeedTree(recipe.seed()), root,
                    metrics, progress));
        }
        if (recipe.train().nonFinite().equals("rollback")) {
            loop.onNonFinite(new Rollback(run.resolve(Checkpoints.DIR), net, method, optimizer, schedule,
                    metrics, recipe.train(), progress));
        }
        return loop.run(train, recipe.train(), sampler, method, start);
    }

    /** Loads the newest intact state into the freshly built objects and cuts the metrics back to it. */
    private static long restore(RunDirectory run, HypersphereNetwork net, StepFunction method, ResumableOptimizer optimizer,
            WarmupCosine schedule, PrintStream progress) {
        Path checkpoints = run.resolve(Checkpoints.DIR);
        removeHalfWritten(checkpoints);
        List<Path> found = TrainingState.files(checkpoints);
        OptionalLong state = TrainingState.restoreNewest(checkpoints, net, method, optimizer, schedule);
        long start = state.orElse(0);
        MetricsLog.truncate(run.resolve(METRICS), start);
        List<String> damaged = found.stream().filter(p -> TrainingState.stepOf(p) > start || state.isEmpty())
                .map(p -> p.getFileName().toString()).sorted().toList();
        progress.println(resumeLine(run.path(), state, damaged));
        return start;
    }

    /** The line a resume prints: where it starts, and why not later when states were damaged. */
    private static String resumeLine(Path run, OptionalLong state, List<String> damaged) {
        String skipped = "damaged (checksum failing): " + String.join(", ", damaged);
        if (state.isPresent()) {
            return "resuming " + run + " from step " + state.getAsLong() + (damaged.isEmpty() ? "" : "; skipped " + skipped);
        }
        return damaged.isEmpty() ? "resuming " + run + " from the start (no training state was written yet)"
                : "resuming " + run + " from the start: every training state is " + skipped;
    }

    /** Deletes the temporary files of writes a kill interrupted ({@code .NAME.tmp}); the complete files stay. */
    private static void removeHalfWritten(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        try (Stream<Path> files = Files.list(checkpoints)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("\\..+\\.tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw SelfsupException.of(checkpoints.toString(), "checkpoints folder", "writable",
                    e.getClass().getSimpleName(), "check permissions");
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
