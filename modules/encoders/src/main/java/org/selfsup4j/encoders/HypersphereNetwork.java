package org.selfsup4j.encoders;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.DeviceRandom;

/**
 * An encoder with its projection head ending on the unit hypersphere:
 * {@code z = g(f(x)) / ||g(f(x))||}. {@link #projector()} is the whole chain (trained by the loss);
 * {@link #encoder()} is {@code f} alone (the representation that probes evaluate). Both share
 * parameters; saving and loading cover the whole chain (and the predictor, when the spec has one).
 */
public final class HypersphereNetwork {
    private final ModelSpec spec;
    private final Block encoder;
    private final SequentialBlock projector;
    private final Block predictor;

    /**
     * Builds the (uninitialised) network.
     *
     * @param spec the model spec
     */
    public HypersphereNetwork(ModelSpec spec) {
        this.spec = spec;
        this.encoder = spec.encoder().build();
        this.projector = new SequentialBlock().add(encoder).add(spec.head().build()).add(L2Normalize.block());
        this.predictor = spec.predictor() == null ? null
                : new SequentialBlock().add(spec.predictor().build()).add(L2Normalize.block());
    }

    /** @return the predictor q followed by L2 normalisation ({@code (N, D)} → unit vectors), or {@code null} */
    public Block predictor() {
        return predictor;
    }

    /** @return every parameter the optimiser trains: the projector's, then the predictor's if any */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(projector.getParameters().values());
        if (predictor != null) {
            out.addAll(predictor.getParameters().values());
        }
        return out;
    }

    /**
     * @param block an initialised block
     * @return the number of values in its parameters (running statistics included)
     */
    public static long parameterCount(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** @return the spec */
    public ModelSpec spec() {
        return spec;
    }

    /** @return the backbone f: images → features */
    public Block encoder() {
        return encoder;
    }

    /** @return the chain f, g, L2: images → unit vectors */
    public Block projector() {
        return projector;
    }

    /**
     * Initialises all parameters with the engine seeded from {@code seed}.
     *
     * @param manager the manager owning the parameters (and their device)
     * @param inputShape a sample input shape, e.g. {@code (1, 1, 28, 28)}
     * @param seed the seed of the {@code init} stream
     */
    public void initialize(NDManager manager, Shape inputShape, long seed) {
        DeviceRandom.seedEngine(manager, seed);
        projector.initialize(manager, DataType.FLOAT32, inputShape);
        if (predictor != null) {
            predictor.initialize(manager, DataType.FLOAT32, new Shape(inputShape.get(0), spec.head().outDim()));
        }
    }

    /**
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        projector.saveParameters(out);
        if (predictor != null) {
            predictor.saveParameters(out);
        }
    }

    /**
     * Loads parameters saved by {@link #save}; the network must be initialised with the same spec.
     *
     * @param manager the manager owning the parameters
     * @param in the stream
     * @throws IOException if reading fails
     * @throws MalformedModelException if the parameters do not fit the spec
     */
    public void load(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
        projector.loadParameters(manager, in);
        if (predictor != null) {
            predictor.loadParameters(manager, in);
        }
    }
}
