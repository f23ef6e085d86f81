package org.selfsup4j.train;

import java.io.PrintStream;
import java.util.OptionalLong;
import org.selfsup4j.data.ImageSet;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * Computes a method's loss for one batch inside a gradient-collecting scope. Everything it creates
 * must be attached to {@code scope}, which the loop closes after the step. A method may train blocks
 * of its own beside the network (MAE's decoder): it lists their parameters in {@link #parameters} and
 * the blocks in {@link #ownBlocks}, which checkpoints save after the network.
 */
@FunctionalInterface
public interface StepFunction {
    /**
     * @param scope the step's own manager (on the training device)
     * @param batch the batch
     * @param step the 0-based global step (seeds the step's random streams)
     * @return a scalar loss attached to {@code scope}
     */
    NDArray loss(NDManager scope, Batch batch, long step);

    /**
     * Called after the optimizer has updated the parameters of step {@code step} (e.g. the momentum
     * encoder's EMA). Default: nothing.
     *
     * @param step the step just finished
     */
    default void afterUpdate(long step) {}

    /**
     * @param net the network the method was built for
     * @return the parameters the optimizer trains; default: the network's ({@link HypersphereNetwork#parameters()})
     */
    default List<Parameter> parameters(HypersphereNetwork net) {
        return net.parameters();
    }

    /** @return trained blocks the method owns beyond the network, in checkpoint order; default none */
    default List<Block> ownBlocks() {
        return List.of();
    }

    /**
     * Writes what the method changes during training besides the trained parameters (a momentum
     * encoder's weights, a memory bank), for a resumable checkpoint. Default: nothing.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    default void saveState(DataOutputStream out) throws IOException {}

    /**
     * Restores, in place, what {@link #saveState} wrote. Default: nothing.
     *
     * @param in the stream
     * @param where names the source in errors
     * @throws IOException if reading fails
     */
    default void loadState(DataInputStream in, String where) throws IOException {}

    /**
     * Figures the method draws at the end of a run (MAE's reconstructions), written to the run directory.
     *
     * @param images {@code (N, C, H, W)} sample training images in [0, 1]
     * @param seeds the run's seeds
     * @return PNG bytes by file name; default none
     */
    default Map<String, byte[]> figures(NDArray images, SeedTree seeds) {
        return Map.of();
    }

    /**
     * Fits the parameters in place of the training loop, for methods fitted on the whole training set
     * at once (PCA by an eigendecomposition, k-means by Lloyd iterations). {@code selfsup pretrain}
     * calls it first; when it answers, the loop does not run and {@code checkpoints/final.params} is
     * written as for any run. Default: empty, the method trains by gradient steps.
     *
     * @param train the training images
     * @param root the model's manager (and device)
     * @param seeds the run's seeds
     * @param log where each iteration is logged as a {@code fit} event
     * @param progress where a line per phase goes
     * @return the number of iterations done, or empty for a method trained by gradient steps
     */
    default OptionalLong fit(ImageSet train, NDManager root, SeedTree seeds, MetricsLog log, PrintStream progress) {
        return OptionalLong.empty();
    }

    /**
     * What the method measures on held-out images after training, each written to the run directory as
     * a JSON file ({@link Reconstructor}s: {@code reconstruction.json}). Default: nothing.
     *
     * @param test the test images
     * @param root a manager on the method's device
     * @return JSON values by file name
     */
    default Map<String, Map<String, Object>> evaluate(ImageSet test, NDManager root) {
        return Map.of();
    }
}
