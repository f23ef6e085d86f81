package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * An autoencoder's encoder {@code f: (N, C, H, W) → (N, q)}: a trunk (dense layers
 * {@code h_l = s(W_l h_{l−1} + b_l)} on the flattened image, or stride-2 convolutions then a flatten),
 * then the code layer {@code h = s_code(W_code h_L + b_code)}. Its forward output is the code, which is
 * what probes evaluate (for a VAE the code layer is μ). {@link #trace} also returns the layer outputs a
 * contractive penalty or a VAE's variance layer needs.
 */
public final class CodeEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block convTrunk;
    private final List<Linear> dense = new ArrayList<>();
    private final Linear code;
    private final CodeActivation hidden;
    private final CodeActivation codeActivation;
    private final int codeDim;

    /**
     * The outputs of one forward pass.
     *
     * @param code {@code (N, q)} the code
     * @param trunk {@code (N, h_L)} the code layer's input (the flattened image when there is no hidden layer)
     * @param layers {@code (N, h_l)} each dense layer's output, the code last (empty for a conv trunk)
     */
    public record Trace(NDArray code, NDArray trunk, List<NDArray> layers) {}

    /**
     * @param convTrunk the convolutional trunk ending in a flatten, or {@code null} for a dense trunk
     * @param widths the dense trunk's widths (empty with a conv trunk or for a one-layer encoder)
     * @param codeDim q
     * @param hidden the trunk's activation
     * @param codeActivation the code's activation
     */
    CodeEncoder(Block convTrunk, List<Integer> widths, int codeDim, CodeActivation hidden, CodeActivation codeActivation) {
        super(VERSION);
        this.convTrunk = convTrunk == null ? null : addChildBlock("conv", convTrunk);
        for (int i = 0; i < widths.size(); i++) {
            dense.add(addChildBlock("dense" + i, Linear.builder().setUnits(widths.get(i)).build()));
        }
        this.code = addChildBlock("code", Linear.builder().setUnits(codeDim).build());
        this.hidden = hidden;
        this.codeActivation = codeActivation;
        this.codeDim = codeDim;
    }

    /** @return q */
    public int codeDim() {
        return codeDim;
    }

    /** @return whether the trunk is dense (so the Jacobian chain of {@link #jacobianFactors} exists) */
    public boolean isDense() {
        return convTrunk == null;
    }

    /** @return the code's activation */
    public CodeActivation codeActivation() {
        return codeActivation;
    }

    /** @return the code layer's weight parameter, {@code (q, h_L)} */
    public Parameter codeWeight() {
        return code.getParameters().get("weight");
    }

    /** @return the code layer's bias parameter, {@code (q)} */
    public Parameter codeBias() {
        return code.getParameters().get("bias");
    }

    /**
     * @param ps the parameter store
     * @param x {@code (N, C, H, W)}
     * @param training whether gradients are recorded
     * @return the code and the intermediate outputs
     */
    public Trace trace(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = convTrunk == null ? x.reshape(x.getShape().get(0), -1)
                : convTrunk.forward(ps, new NDList(x), training).singletonOrThrow();
        List<NDArray> layers = new ArrayList<>();
        for (Linear l : dense) {
            h = hidden.apply(l.forward(ps, new NDList(h), training).singletonOrThrow());
            layers.add(h);
        }
        NDArray c = codeActivation.apply(code.forward(ps, new NDList(h), training).singletonOrThrow());
        layers.add(c);
        return new Trace(c, h, layers);
    }

    /**
     * The factors of the encoder's Jacobian {@code J = D_code W_code D_L W_L ⋯ D_1 W_1} (with
     * {@code D_l = diag(s'(a_l))}), for {@link org.selfsup4j.losses.ContractivePenalty#jacobianChain}.
     *
     * @param trace a trace of this encoder
     * @return the weights {@code W_1 … W_code} and the derivatives {@code (N, h_l)}, in layer order
     */
    public List<NDList> jacobianFactors(Trace trace) {
        if (!isDense()) {
            throw SelfsupException.of("model.encoder.type", "", "ae_mlp for a contractive penalty", "ae_conv",
                    "the Jacobian chain is written for dense layers");
        }
        NDList weights = new NDList();
        NDList derivatives = new NDList();
        for (int i = 0; i < dense.size(); i++) {
            weights.add(dense.get(i).getParameters().get("weight").getArray());
            derivatives.add(hidden.derivative(trace.layers().get(i)));
        }
        weights.add(codeWeight().getArray());
        derivatives.add(codeActivation.derivative(trace.code()));
        return List.of(weights, derivatives);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(trace(ps, inputs.singletonOrThrow(), training).code());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), codeDim)};
    }

    /**
     * @param inputShape {@code (N, C, H, W)}
     * @return the code layer's input shape {@code (N, h_L)}
     */
    public Shape trunkShape(Shape inputShape) {
        Shape s = convTrunk == null ? new Shape(inputShape.get(0), inputShape.size() / inputShape.get(0))
                : convTrunk.getOutputShapes(new Shape[] {inputShape})[0];
        for (Linear l : dense) {
            s = l.getOutputShapes(new Shape[] {s})[0];
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        if (convTrunk != null) {
            convTrunk.initialize(manager, dataType, s);
            s = convTrunk.getOutputShapes(new Shape[] {s})[0];
        } else {
            s = new Shape(s.get(0), s.size() / s.get(0));
        }
        for (Linear l : dense) {
            l.initialize(manager, dataType, s);
            s = l.getOutputShapes(new Shape[] {s})[0];
        }
        code.initialize(manager, dataType, s);
    }
}
