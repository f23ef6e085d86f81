package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The trained parts of predictive sparse decomposition beyond the encoder: the dictionary
 * {@code D: (d, q)} with unit-norm columns (atoms), the decoder bias {@code b: (d)} and the predictor's
 * per-unit gain {@code G: (q)} (Kavukcuoglu et al. 2008: {@code f(x) = G ⊙ tanh(Wx + b_e)}). Forward
 * decodes codes {@code (N, q)} to {@code D z + b}, {@code (N, d)}.
 */
public final class PsdDictionary extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Parameter dictionary;
    private final Parameter bias;
    private final Parameter gain;

    /**
     * @param inputDim d, the flattened image size
     * @param codeDim q, the number of atoms
     */
    public PsdDictionary(int inputDim, int codeDim) {
        super(VERSION);
        dictionary = addParameter(Parameter.builder().setName("dictionary").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(inputDim, codeDim)).optInitializer(new NormalInitializer(0.05f)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(inputDim)).optInitializer(new ConstantInitializer(0)).build());
        gain = addParameter(Parameter.builder().setName("gain").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(codeDim)).optInitializer(new ConstantInitializer(1)).build());
    }

    /** @return D, {@code (d, q)} */
    public NDArray dictionary() {
        return dictionary.getArray();
    }

    /** @return b, {@code (d)} */
    public NDArray bias() {
        return bias.getArray();
    }

    /** @return G, {@code (q)} */
    public NDArray gain() {
        return gain.getArray();
    }

    /** Rescales every atom (column of D) to unit Euclidean norm, in place. */
    public void normaliseAtoms() {
        AeParts.normaliseColumnsInPlace(dictionary.getArray());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray dict = ps.getValue(dictionary, z.getDevice(), training);
        NDArray b = ps.getValue(bias, z.getDevice(), training);
        NDArray transposed = dict.transpose();
        transposed.attach(z.getManager()); // else each call's result would live in the model's manager
        return new NDList(z.matMul(transposed).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), dictionary.getArray().getShape().get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
}
