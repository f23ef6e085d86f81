package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.selfsup4j.core.SelfsupException;

/**
 * The ViT of {@link VitSpec} as a DJL block. Besides {@code forward} (images → pooled features) it
 * exposes the two halves MAE needs: {@link #patchTokens} (patch embedding plus positions, no CLS) and
 * {@link #encode} (CLS, transformer layers, final norm) on any subset of tokens.
 *
 * <p>Each layer ({@link TransformerLayers}) is pre-norm: {@code x + MHSA(LN(x))}, then {@code x + MLP(LN(x))}; attention is
 * {@code softmax(q·kᵀ/√d_h)·v} per head. Weights, CLS and positions start from a truncated normal with
 * σ 0.02, biases at 0, LayerNorm scales at 1 (as timm).
 */
public final class VisionTransformer extends AbstractBlock {
    private final VitSpec spec;
    private final Parameter patchWeight;
    private final Parameter patchBias;
    private final Parameter cls;
    private final Parameter positions;
    private final TransformerLayers layers;
    private final Parameter normScale;
    private final Parameter normShift;

    /**
     * @param spec the sizes
     */
    public VisionTransformer(VitSpec spec) {
        this.spec = spec;
        int d = spec.width();
        patchWeight = addParameter(TransformerLayers.weight("patch_weight", null));
        patchBias = addParameter(TransformerLayers.param("patch_bias", Parameter.Type.BIAS, new Shape(d)));
        cls = addParameter(TransformerLayers.weight("cls_token", new Shape(1, 1, d)));
        positions = addParameter(TransformerLayers.weight("positions", null));
        layers = new TransformerLayers("", spec.depth(), d, spec.heads(), spec.mlpRatio(), this::addParameter);
        normScale = addParameter(TransformerLayers.param("norm_scale", Parameter.Type.GAMMA, new Shape(d)));
        normShift = addParameter(TransformerLayers.param("norm_shift", Parameter.Type.BETA, new Shape(d)));
    }

    /** @return the spec */
    public VitSpec spec() {
        return spec;
    }

    /** @return the number of patch tokens T fixed at initialisation or loading (0 before) */
    public int tokens() {
        return positions.isInitialized() ? (int) positions.getArray().getShape().get(1) - 1 : 0;
    }

    @Override
    protected void prepare(Shape[] inputs) {
        Shape s = inputs[0];
        int p = spec.patch();
        long tokens = Patches.grid(s.get(2), p, "height") * Patches.grid(s.get(3), p, "width");
        patchWeight.setShape(new Shape(spec.width(), s.get(1) * p * p));
        positions.setShape(new Shape(1, 1 + tokens, spec.width()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), spec.width())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = encode(ps, patchTokens(ps, inputs.singletonOrThrow(), training), training);
        NDArray pooled = spec.pooling().equals("cls") ? h.get(":, 0, :") : h.get(":, 1:, :").mean(new int[] {1});
        return new NDList(pooled);
    }

    /**
     * Embeds the patches and adds their positional embeddings.
     *
     * @param ps the parameter store
     * @param images {@code (N, C, H, W)} of the size given at initialisation
     * @param training whether gradients are recorded
     * @return {@code (N, T, D)}
     */
    public NDArray patchTokens(ParameterStore ps, NDArray images, boolean training) {
        NDArray x = Patches.patchify(images, spec.patch());
        if (x.getShape().get(1) != tokens()) {
            throw SelfsupException.of("vit", "input", "the size it was initialised with (" + tokens() + " patches of "
                    + spec.patch() + "×" + spec.patch() + ")", images.getShape(), null);
        }
        NDArray w = ps.getValue(patchWeight, x.getDevice(), training);
        NDArray b = ps.getValue(patchBias, x.getDevice(), training);
        NDArray pos = ps.getValue(positions, x.getDevice(), training);
        return TransformerLayers.linear(x, w, b).add(TransformerLayers.scoped(pos.get(":, 1:, :"), x));
    }

    /**
     * Prepends the CLS token and runs the transformer layers and the final norm.
     *
     * @param ps the parameter store
     * @param tokens {@code (N, T', D)} patch tokens (any subset, positions already added)
     * @param training whether gradients are recorded
     * @return {@code (N, 1 + T', D)}, the CLS token first
     */
    public NDArray encode(ParameterStore ps, NDArray tokens, boolean training) {
        long n = tokens.getShape().get(0);
        NDArray c = TransformerLayers.scoped(ps.getValue(positions, tokens.getDevice(), training).get(":, 0:1, :"), tokens)
                .add(ps.getValue(cls, tokens.getDevice(), training));
        NDArray x = NDArrays.concat(new NDList(c.tile(new long[] {n, 1, 1}), tokens), 1);
        x = layers.forward(ps, x, training);
        return TransformerLayers.layerNorm(x, ps.getValue(normScale, tokens.getDevice(), training),
                ps.getValue(normShift, tokens.getDevice(), training));
    }
}
