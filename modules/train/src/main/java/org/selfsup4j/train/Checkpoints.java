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
 * Model checkpoints in {@code RUN/checkpoints/}: {@code epoch-E.params} after each epoch (when the
 * recipe asks) and {@code final.params} at the end, each written atomically. A file holds the network's
 * parameters ({@link HypersphereNetwork#save}) followed by those of the method's own blocks, if any
 * (MAE's decoder); {@link #load} reads the network's part, which is all a probe or an export needs. As
 * a listener it writes the per-epoch files.
 */
public final class Checkpoints implements TrainingListener {
    /** The folder inside a run. */
    public static final String DIR = "checkpoints";
    /** The final checkpoint's file name. */
    public static final String FINAL = "final.params";

    private final Path dir;
    private final HypersphereNetwork network;
    private final List<Block> methodBlocks;
    private final boolean everyEpoch;

    /**
     * @param runDir the run directory
     * @param network the trained network
     * @param methodBlocks the method's own trained blocks ({@link StepFunction#ownBlocks()}), saved after the network
     * @param everyEpoch whether to write one file per epoch
     */
    public Checkpoints(Path runDir, HypersphereNetwork network, List<Block> methodBlocks, boolean everyEpoch) {
        this.dir = runDir.resolve(DIR);
        this.network = network;
        this.methodBlocks = List.copyOf(methodBlocks);
        this.everyEpoch = everyEpoch;
    }

    @Override
    public void onEpochEnd(int epoch, long step) {
        if (everyEpoch) {
            save("epoch-" + (epoch + 1) + ".params");
        }
    }

    @Override
    public void onEnd(long step) {
        save(FINAL);
    }

    /**
     * Writes the network's parameters atomically.
     *
     * @param name the file name inside {@code checkpoints/}
     */
    public void save(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.save(out);
            for (Block b : methodBlocks) {
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
}
