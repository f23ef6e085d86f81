package org.selfsup4j.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
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
 *       {@code train.state_every_steps} steps, at each epoch end and when a signal stops the run, keeping the newest
 *       {@code train.keep_states}.</li>
 * </ul>
 */
public final class Checkpoints implements TrainingListener {
    /** The folder inside a run. */
    public static final String DIR = "checkpoints";
    /** The final checkpoint's file name. */
    public static final String FINAL = "final.params";

    /** Ends every model file, before its CRC-32: "SSPARAMS". */
    static final long TRAILER_MAGIC = 0x5353504152414D53L;

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

    /** A stopped run leaves a training state at the step it stopped, so that a resume loses nothing. */
    @Override
    public void onStop(long step) {
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
     * Writes a model file: the network's parameters, the method's own blocks, then the trailer
     * (the magic "SSPARAMS" and the CRC-32 of all preceding bytes) that tells a damaged file from one
     * of another model.
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
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(TRAILER_MAGIC);
            out.writeLong(crc.getValue());
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
        loadWithMethod(file, network, null, manager);
    }

    /**
     * Loads a checkpoint's network and then the method's own blocks (MAE's decoder, an autoencoder's
     * decoder), for tools that need the whole trained model. A file whose trailer's checksum fails, or
     * that is shorter than the model it must hold, is reported as damaged (with its size and the size the
     * recipe's model needs); an intact file that does not load is reported as another model's.
     *
     * @param file the checkpoint
     * @param network the network, initialised with the recipe's spec
     * @param method the method built for it, or {@code null} to read the network's part only
     * @param manager the manager owning the parameters
     */
    public static void loadWithMethod(Path file, HypersphereNetwork network, StepFunction method, NDManager manager) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "checkpoint", "readable", e.getClass().getSimpleName(),
                    "check permissions");
        }
        Boolean intact = intact(bytes);
        if (Boolean.FALSE.equals(intact)) {
            throw damaged(file, bytes.length, "its checksum failing", network, method);
        }
        // without a trailer (cut off, or written before files had one) it must at least hold the model;
        // the engine would read a short stream's missing values as zeros
        if (intact == null && bytes.length < expectedSize(network, method)) {
            throw damaged(file, bytes.length, "shorter than the model", network, method);
        }
        List<Parameter> params = parameters(network, method);
        List<Shape> built = params.stream().map(p -> p.getArray().getShape()).toList();
        String why = null;
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes))) {
            network.load(manager, data);
            if (method != null) {
                for (Block b : method.ownBlocks()) {
                    b.loadParameters(manager, data);
                }
            }
            // the engine loads an array of any shape into a parameter: compare them with the recipe's
            for (int i = 0; i < params.size() && why == null; i++) {
                Shape loaded = params.get(i).getArray().getShape();
                if (!loaded.equals(built.get(i))) {
                    why = params.get(i).getName() + " " + loaded + " where the recipe's model has " + built.get(i);
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        if (why != null) {
            throw SelfsupException.of(file.toString(), "checkpoint", "parameters of the recipe's model"
                    + (method == null ? "" : " and method"), "an intact file of other shapes (" + why + ")",
                    "was the recipe changed after training?");
        }
    }

    private static List<Parameter> parameters(HypersphereNetwork network, StepFunction method) {
        List<Parameter> out = new ArrayList<>(network.parameters());
        if (method != null) {
            for (Block b : method.ownBlocks()) {
                out.addAll(b.getParameters().values());
            }
        }
        return out;
    }

    /** @return whether the trailer's checksum holds, or {@code null} when the file has no trailer */
    private static Boolean intact(byte[] bytes) {
        if (bytes.length < 2 * Long.BYTES) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 2 * Long.BYTES, 2 * Long.BYTES);
        if (tail.getLong() != TRAILER_MAGIC) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 2 * Long.BYTES);
        return tail.getLong() == crc.getValue();
    }

    private static SelfsupException damaged(Path file, long size, String why, HypersphereNetwork network,
            StepFunction method) {
        return SelfsupException.of(file.toString(), "checkpoint", "intact", String.format(Locale.ROOT,
                "a damaged file (%,d bytes, %s; the recipe's model is %,d parameter arrays in %,d bytes)", size, why,
                arrays(network, method), expectedSize(network, method) + 2 * Long.BYTES),
                "it was cut or changed after it was written: restore it, or train again");
    }

    /** The size of the network's (and method's) sections, as {@link #save} writes them without the trailer. */
    private static long expectedSize(HypersphereNetwork network, StepFunction method) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.save(out);
            if (method != null) {
                for (Block b : method.ownBlocks()) {
                    b.saveParameters(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    private static int arrays(HypersphereNetwork network, StepFunction method) {
        return parameters(network, method).size();
    }
}
