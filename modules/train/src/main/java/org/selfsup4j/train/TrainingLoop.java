package org.selfsup4j.train;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StopSignal;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Prefetcher;

/**
 * The framework's own training loop (not DJL's EasyTrain). Per epoch it draws a permutation
 * ({@link BatchSampler}), converts the next batches on a background thread ({@link Prefetcher}), and
 * for each step: opens a sub-manager scope, computes the loss under a gradient collector, checks it
 * is finite, checks that the gradients are finite (Σ 0·g, one host read), updates every trainable
 * parameter with the optimizer and zeroes its gradient, then closes the scope. A non-finite loss or
 * gradient stops the run with the step named, before any weight is touched. Nothing created during a step outlives it, so native memory stays flat.
 *
 * <p>A stop request ({@link StopSignal}: SIGTERM, SIGINT, SIGHUP) is honoured between steps, on the
 * training thread: the loop tells every listener ({@link TrainingListener#onStop}, where the checkpoints
 * write a training state) and throws {@link Interrupted} saying {@code at step S}.
 */
public final class TrainingLoop {
    private final NDManager root;
    private final List<Parameter> parameters;
    private final NDArray[] allArrays;
    private final Optimizer optimizer;
    private final WarmupCosine schedule;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Recovery recovery;

    /**
     * @param root the manager of the model (its device is the training device)
     * @param parameters all parameters of the trained block(s); those without gradient are skipped
     * @param optimizer the optimizer
     * @param schedule its learning-rate schedule (for reporting)
     */
    public TrainingLoop(NDManager root, List<Parameter> parameters, Optimizer optimizer, WarmupCosine schedule) {
        this.root = root;
        this.parameters = parameters.stream().filter(Parameter::requiresGradient).toList();
        this.allArrays = parameters.stream().map(Parameter::getArray).toArray(NDArray[]::new);
        this.optimizer = optimizer;
        this.schedule = schedule;
    }

    /**
     * What the loop does when a step's loss or gradients are not finite, instead of stopping.
     */
    @FunctionalInterface
    public interface Recovery {
        /**
         * Restores an earlier state (parameters, method, optimizer) and returns where to go on from;
         * throws {@code error} (or another error) to stop.
         *
         * @param step the step that failed
         * @param error the error that would stop the run
         * @return the completed steps of the restored state
         */
        long recover(long step, SelfsupException error);
    }

    /** A non-finite loss or gradient, on its way to {@link Recovery} or to the caller. */
    private static final class NonFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long step;
        private final transient SelfsupException error;

        NonFinite(long step, SelfsupException error) {
            super(error.getMessage(), null, false, false);
            this.step = step;
            this.error = error;
        }
    }

    /**
     * @param r what to do on a non-finite loss or gradient ({@code null}: stop with the error, the default)
     * @return this
     */
    public TrainingLoop onNonFinite(Recovery r) {
        this.recovery = r;
        return this;
    }

    /**
     * @param listener a listener, called in the order added
     * @return this loop
     */
    public TrainingLoop addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Total steps for a run: {@code min(epochs · stepsPerEpoch, maxSteps)} (no cap when maxSteps is 0).
     *
     * @param spec the train spec
     * @param stepsPerEpoch steps in one epoch
     * @return the total
     */
    public static long totalSteps(TrainSpec spec, int stepsPerEpoch) {
        long all = (long) spec.epochs() * stepsPerEpoch;
        return spec.maxSteps() > 0 ? Math.min(all, spec.maxSteps()) : all;
    }

    /**
     * Runs the loop.
     *
     * @param data the training images
     * @param spec epochs, steps, batch size, prefetch depth
     * @param seeds the run's seeds (sampler streams)
     * @param method the loss of one batch
     * @return the number of steps done
     */
    public long run(ImageSet data, TrainSpec spec, SeedTree seeds, StepFunction method) {
        return run(data, spec, new BatchSampler(data.size(), spec.batchSize(), true, seeds), method);
    }

    /**
     * Runs the loop with a given sampler (e.g. M-per-class batches).
     *
     * @param data the training images
     * @param spec epochs, steps, prefetch depth
     * @param sampler the batches of each epoch
     * @param method the loss of one batch
     * @return the number of steps done
     */
    public long run(ImageSet data, TrainSpec spec, EpochSampler sampler, StepFunction method) {
        return run(data, spec, sampler, method, 0);
    }

    /**
     * Runs the loop from step {@code start}, as a resumed run does once its state is restored: it
     * enters epoch ⌊start / steps per epoch⌋ at the batch it had reached, so the batches, their
     * augmentations and the schedule continue exactly as in an uninterrupted run.
     *
     * @param data the training images
     * @param spec epochs, steps, prefetch depth
     * @param sampler the batches of each epoch
     * @param method the loss of one batch
     * @param start completed steps to skip, 0 for a new run
     * @return the number of steps done in total (including {@code start})
     */
    public long run(ImageSet data, TrainSpec spec, EpochSampler sampler, StepFunction method, long start) {
        long from = start;
        while (true) {
            try {
                return runFrom(data, spec, sampler, method, from);
            } catch (NonFinite e) {
                if (recovery == null) {
                    throw e.error;
                }
                from = recovery.recover(e.step, e.error);
            }
        }
    }

    private long runFrom(ImageSet data, TrainSpec spec, EpochSampler sampler, StepFunction method, long start) {
        int perEpoch = sampler.batchesPerEpoch();
        long total = totalSteps(spec, perEpoch);
        long step = start;
        Engine engine = root.getEngine();
        for (int epoch = (int) (start / perEpoch); epoch < spec.epochs() && step < total; epoch++) {
            int[][] batches = sampler.epoch(epoch);
            int first = (int) (step - (long) epoch * perEpoch);
            try (Prefetcher<Batch> prefetch = new Prefetcher<>(batches.length - first, spec.prefetch(),
                    i -> makeBatch(data, batches[first + i]))) {
                for (int b = first; b < batches.length && step < total; b++) {
                    stopIfRequested(step);
                    long t0 = System.nanoTime();
                    Batch batch = prefetch.next();
                    long t1 = System.nanoTime();
                    float loss;
                    try {
                        loss = step(engine, method, batch, step);
                    } catch (EngineException e) {
                        throw outOfMemory(e, step, batch.size());
                    }
                    long t2 = System.nanoTime();
                    StepStats stats = new StepStats(step, epoch, b, perEpoch, total, loss, schedule.at(step),
                            batch.size() / ((t2 - t0) * 1e-9), (t1 - t0) * 1e-6);
                    step++;
                    for (TrainingListener l : listeners) {
                        l.onStep(stats);
                    }
                }
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(epoch, step);
            }
        }
        for (TrainingListener l : listeners) {
            l.onEnd(step);
        }
        return step;
    }

    private void stopIfRequested(long step) {
        if (!StopSignal.pending()) {
            return;
        }
        for (TrainingListener l : listeners) {
            l.onStop(step);
        }
        try {
            StopSignal.check();
        } catch (Interrupted e) {
            throw e.where("at step " + step, null);
        }
    }

    private float step(Engine engine, StepFunction method, Batch batch, long step) {
        float value;
        try (NDManager scope = root.newSubManager()) {
            // Parameters join the step's scope while it is open, so that anything an operation
            // derives from a parameter is freed with the step; they return to root on close.
            scope.tempAttachAll(allArrays);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray loss = method.loss(scope, batch, step);
                value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    throw new NonFinite(step, SelfsupException.of("step " + step, "loss", "finite", value,
                            "lower optimizer.lr or check the data"));
                }
                collector.backward(loss);
            }
        }
        // Optimizer state is created beside each weight, so the update runs with the weights at home.
        try (NDManager scope = root.newSubManager()) {
            NDArray[] grads = new NDArray[parameters.size()];
            NDArray zeros = null;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = parameters.get(i).getArray().getGradient();
                grads[i].attach(scope);
                // Σ 0·g is 0 when every gradient is finite and NaN otherwise: exact, and it cannot overflow
                NDArray z = grads[i].mul(0f).sum();
                zeros = zeros == null ? z : zeros.add(z);
            }
            if (zeros != null && !Float.isFinite(zeros.getFloat())) {
                SelfsupException error = nonFinite(step, grads);
                for (NDArray g : grads) {
                    g.set(new NDIndex(":"), 0f); // not muli(0): NaN · 0 is NaN
                }
                throw new NonFinite(step, error);
            }
            for (int i = 0; i < grads.length; i++) {
                Parameter p = parameters.get(i);
                optimizer.update(p.getId(), p.getArray(), grads[i]);
                grads[i].muli(0f);
            }
        }
        method.afterUpdate(step);
        return value;
    }

    /**
     * @param e an engine failure during a step
     * @param step the step
     * @param batchSize the batch size
     * @return a clean error when the engine ran out of memory; otherwise {@code e} is rethrown
     */
    static SelfsupException outOfMemory(EngineException e, long step, int batchSize) {
        String m = String.valueOf(e.getMessage());
        if (!(m.contains("allocate") || m.contains("out of memory") || m.contains("Out of memory"))) {
            throw e;
        }
        String first = m.lines().findFirst().orElse(m);
        return SelfsupException.of("step " + step, "memory for a batch of " + batchSize, "available",
                "an allocation failure (" + (first.length() > 100 ? first.substring(0, 100) + "…" : first) + ")",
                "lower train.batch_size or use a smaller model");
    }

    private SelfsupException nonFinite(long step, NDArray[] grads) {
        for (int i = 0; i < grads.length; i++) {
            if (!Float.isFinite(grads[i].mul(0f).sum().getFloat())) {
                float first = Float.NaN;
                for (float v : grads[i].toFloatArray()) {
                    if (!Float.isFinite(v)) {
                        first = v;
                        break;
                    }
                }
                return SelfsupException.of("step " + step, "gradient of " + parameters.get(i).getName(), "finite",
                        first, "lower optimizer.lr or check the data; the last state checkpoint is kept");
            }
        }
        return SelfsupException.of("step " + step, "gradients", "finite", "a non-finite value",
                "lower optimizer.lr or check the data; the last state checkpoint is kept");
    }

    private static Batch makeBatch(ImageSet data, int[] indices) {
        float[] images = new float[indices.length * data.imageSize()];
        data.fill(indices, images);
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = data.label(indices[i]);
        }
        return new Batch(images, indices, labels, data.channels(), data.height(), data.width());
    }
}
