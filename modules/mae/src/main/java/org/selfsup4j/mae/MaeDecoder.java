package org.selfsup4j.mae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.selfsup4j.encoders.TransformerLayers;

/**
 * MAE's light decoder (He et al., CVPR 2022, §3): it sees every position. The encoder's output
 * {@code (N, 1+K, D)} (CLS first, then the K visible tokens in the mask's kept order) is embedded to the
 * decoder width {@code D_d}; a shared learned mask token fills the M hidden positions; the
 * {@link PatchMask#restoreRows restore} gather puts the T tokens back in patch order; learned positions
 * {@code (1, 1+T, D_d)} are added; {@code depth} pre-norm transformer layers ({@link TransformerLayers})
 * and a LayerNorm follow; a linear layer predicts each patch's {@code P = C·p²} pixels:
 * <pre>
 *   y = [CLS; unshuffle([E·h_vis; m, …, m])] + pos  →  layers  →  LN  →  W_p·y + b_p,  CLS dropped
 * </pre>
 * Input: {@code [encoded (N, 1+K, D), restore rows (N·T) int64]}; output {@code (N, T, P)}. Weights
 * start from a truncated normal (σ 0.02), as the encoder's.
 */
public final class MaeDecoder extends AbstractBlock {
    private final int tokens;
    private final int width;
    private final int patchDim;
    private final Parameter embedWeight;
    private final Parameter embedBias;
    private final Parameter maskToken;
    private final Parameter positions;
    private final TransformerLayers layers;
    private final Parameter normScale;
    private final Parameter normShift;
    private final Parameter predWeight;
    private final Parameter predBias;

    /**
     * @param spec the method spec (decoder depth, width, heads, MLP ratio)
     * @param encoderWidth D, the encoder's token width
     * @param tokens T, patches per image
     * @param patchDim P = C·p², pixels per patch
     */
    public MaeDecoder(MaeMethodSpec spec, int encoderWidth, int tokens, int patchDim) {
        this.tokens = tokens;
        this.width = spec.decoderWidth();
        this.patchDim = patchDim;
        int d = width;
        embedWeight = addParameter(TransformerLayers.weight("decoder_embed_weight", new Shape(d, encoderWidth)));
        embedBias = addParameter(TransformerLayers.param("decoder_embed_bias", Parameter.Type.BIAS, new Shape(d)));
        maskToken = addParameter(TransformerLayers.weight("mask_token", new Shape(1, 1, d)));
        positions = addParameter(TransformerLayers.weight("decoder_positions", new Shape(1, 1 + tokens, d)));
        layers = new TransformerLayers("decoder_", spec.decoderDepth(), d, spec.decoderHeads(), spec.decoderMlpRatio(),
                this::addParameter);
        normScale = addParameter(TransformerLayers.param("decoder_norm_scale", Parameter.Type.GAMMA, new Shape(d)));
        normShift = addParameter(TransformerLayers.param("decoder_norm_shift", Parameter.Type.BETA, new Shape(d)));
        predWeight = addParameter(TransformerLayers.weight("decoder_pred_weight", new Shape(patchDim, d)));
        predBias = addParameter(TransformerLayers.param("decoder_pred_bias", Parameter.Type.BIAS, new Shape(patchDim)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), tokens, patchDim)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray encoded = inputs.get(0);
        NDArray restore = inputs.get(1);
        long n = encoded.getShape().get(0);
        long visible = encoded.getShape().get(1) - 1;
        NDArray x = TransformerLayers.linear(encoded, value(ps, embedWeight, encoded, training),
                value(ps, embedBias, encoded, training));
        NDArray fill = TransformerLayers.scoped(value(ps, maskToken, x, training).tile(new long[] {n, tokens - visible, 1}), x);
        NDArray sequence = NDArrays.concat(new NDList(x.get(":, 1:, :"), fill), 1)
                .reshape(n * tokens, width).get(restore).reshape(n, tokens, width);
        NDArray y = NDArrays.concat(new NDList(x.get(":, 0:1, :"), sequence), 1).add(value(ps, positions, x, training));
        y = layers.forward(ps, y, training);
        y = TransformerLayers.layerNorm(y, value(ps, normScale, y, training), value(ps, normShift, y, training));
        NDArray pred = TransformerLayers.linear(y, value(ps, predWeight, y, training), value(ps, predBias, y, training));
        return new NDList(pred.get(":, 1:, :"));
    }

    private static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return ps.getValue(p, like.getDevice(), training);
    }
}
