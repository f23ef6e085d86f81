package org.selfsup4j.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * Checkpoints in {@code RUN/checkpoints/}, each written atomically:
 * <ul>
 *   <li>model files: {@code epoch-E.params} after each epoch (when the recipe asks) and
 *       {@code final.params} at the end. A file holds the network's parameters
 *       ({@link HypersphereNetwork#save}) followed by those of the method's own blocks, if any (MAE's
 *       decoder); {@link #load} reads the network's part, which is all a probe or an export needs;</li>
 *   <li>resumable training states ({@link TrainingState}) {@code state-S.bin} every
 *       {@code train.state_every_steps} steps and at each epoch end, keeping the newest
 *       {@code train.keep_states}.</li>
 * </ul>
 */
public final class Checkpoints implements TrainingListener {
    /** The folder inside a run. */
    public static final String DIR = "checkpoints";
    /** The final checkpoint's file name. */
    public static final String FINAL = "final.params";

    private final Path dir;
    private final HypersphereNetwork network;
    private final StepFunction method;
    private final ResumableOptimizer optimizer;
    private final WarmupCosine schedule;
    private final TrainSpec spec;
    private long lastState = -1;

    /**
     * @param runDir the run directory
     * @param network the trained network
     * @param method the method (its own blocks are saved after the network, its state in training states)
     * @param optimizer the optimizer, whose state training states hold
     * @param schedule the schedule, whose scale training states hold
     * @param spec when to write what
     */
    public Checkpoints(Path runDir, HypersphereNetwork network, StepFunction method, ResumableOptimizer optimizer,
            WarmupCosine schedule, TrainSpec spec) {
        this.dir = runDir.resolve(DIR);
        this.network = network;
        this.method = method;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.spec = spec;
    }

    @Override
    public void onStep(StepStats stats) {
        long done = stats.step() + 1;
        if (spec.stateEverySteps() > 0 && done % spec.stateEverySteps() == 0) {
            saveState(done);
        }
    }

    @Override
    public void onEpochEnd(int epoch, long step) {
        if (spec.checkpointEveryEpoch()) {
            save("epoch-" + (epoch + 1) + ".params");
        }
        saveState(step);
    }

    @Override
    public void onEnd(long step) {
        save(FINAL);
    }

    /**
     * Writes {@code state-S.bin} for {@code step} completed steps, then deletes all but the newest
     * {@code keep_states} state files.
     *
     * @param step completed steps
     */
    public void saveState(long step) {
        if (step == lastState) {
            return;
        }
        RunDirectory.writeAtomically(dir.resolve(TrainingState.PREFIX + step + TrainingState.SUFFIX),
                TrainingState.encode(step, network, method, optimizer, schedule));
        lastState = step;
        List<Path> states = TrainingState.files(dir);
        for (Path old : states.subList(Math.min(spec.keepStates(), states.size()), states.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw SelfsupException.of(old.toString(), "old training state", "deletable",
                        e.getClass().getSimpleName(), "check permissions");
            }
        }
    }

    /**
     * Writes a model file.
     *
     * @param name the file name inside the checkpoints folder
     */
    public void save(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.save(out);
            for (Block b : method.ownBlocks()) {
                b.saveParameters(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunDirectory.writeAtomically(dir.resolve(name), bytes.toByteArray());
    }

    /**
     * Loads a checkpoint into an initialised network of the same spec.
     *
     * @param file the checkpoint
     * @param network the network
     * @param manager the manager owning its parameters
     */
    public static void load(Path file, HypersphereNetwork network, NDManager manager) {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            network.load(manager, data);
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            throw SelfsupException.of(file.toString(), "checkpoint", "parameters of the recipe's model",
                    e.getClass().getSimpleName(), "was the recipe changed after training?");
        }
    }

    /**
     * Loads a checkpoint's network and then the method's own blocks (MAE's decoder, an autoencoder's
     * decoder), for tools that need the whole trained model.
     *
     * @param file the checkpoint
     * @param network the network, initialised with the recipe's spec
     * @param method the method built for it
     * @param manager the manager owning the parameters
     */
    public static void loadWithMethod(Path file, HypersphereNetwork network, StepFunction method, NDManager manager) {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            network.load(manager, data);
            for (Block b : method.ownBlocks()) {
                b.loadParameters(manager, data);
            }
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            throw SelfsupException.of(file.toString(), "checkpoint", "parameters of the recipe's model and method",
                    e.getClass().getSimpleName(), "was the recipe changed after training?");
        }
    }
}
