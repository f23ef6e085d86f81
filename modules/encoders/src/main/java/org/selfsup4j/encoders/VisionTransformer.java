package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * The ViT of {@link VitSpec} as a DJL block. Besides {@code forward} (images → pooled features) it
 * exposes the two halves MAE needs: {@link #patchTokens} (patch embedding plus positions, no CLS) and
 * {@link #encode} (CLS, transformer layers, final norm) on any subset of tokens.
 *
 * <p>Each layer is pre-norm: {@code x + MHSA(LN(x))}, then {@code x + MLP(LN(x))}; attention is
 * {@code softmax(q·kᵀ/√d_h)·v} per head. Weights, CLS and positions start from a truncated normal with
 * σ 0.02, biases at 0, LayerNorm scales at 1 (as timm).
 */
public final class VisionTransformer extends AbstractBlock {
    private static final float LN_EPS = 1e-6f;

    private final VitSpec spec;
    private final Parameter patchWeight;
    private final Parameter patchBias;
    private final Parameter cls;
    private final Parameter positions;
    private final List<Parameter[]> layers = new ArrayList<>();
    private final Parameter normScale;
    private final Parameter normShift;

    /**
     * @param spec the sizes
     */
    public VisionTransformer(VitSpec spec) {
        this.spec = spec;
        int d = spec.width();
        int m = spec.mlpRatio() * d;
        patchWeight = weight("patch_weight", null);
        patchBias = param("patch_bias", Parameter.Type.BIAS, new Shape(d));
        cls = weight("cls_token", new Shape(1, 1, d));
        positions = weight("positions", null);
        for (int l = 0; l < spec.depth(); l++) {
            String p = "layer" + l + "_";
            layers.add(new Parameter[] {
                param(p + "ln1_scale", Parameter.Type.GAMMA, new Shape(d)), param(p + "ln1_shift", Parameter.Type.BETA, new Shape(d)),
                weight(p + "qkv_weight", new Shape(3L * d, d)), param(p + "qkv_bias", Parameter.Type.BIAS, new Shape(3L * d)),
                weight(p + "proj_weight", new Shape(d, d)), param(p + "proj_bias", Parameter.Type.BIAS, new Shape(d)),
                param(p + "ln2_scale", Parameter.Type.GAMMA, new Shape(d)), param(p + "ln2_shift", Parameter.Type.BETA, new Shape(d)),
                weight(p + "fc1_weight", new Shape(m, d)), param(p + "fc1_bias", Parameter.Type.BIAS, new Shape(m)),
                weight(p + "fc2_weight", new Shape(d, m)), param(p + "fc2_bias", Parameter.Type.BIAS, new Shape(d))});
        }
        normScale = param("norm_scale", Parameter.Type.GAMMA, new Shape(d));
        normShift = param("norm_shift", Parameter.Type.BETA, new Shape(d));
    }

    private Parameter weight(String name, Shape shape) {
        Parameter.Builder b = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optInitializer(new TruncatedNormalInitializer(0.02f));
        return addParameter(shape == null ? b.build() : b.optShape(shape).build());
    }

    private Parameter param(String name, Parameter.Type type, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).build());
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
        return linear(x, w, b).add(scoped(pos.get(":, 1:, :"), x));
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
        NDArray c = scoped(ps.getValue(positions, tokens.getDevice(), training).get(":, 0:1, :"), tokens)
                .add(ps.getValue(cls, tokens.getDevice(), training));
        NDArray x = NDArrays.concat(new NDList(c.tile(new long[] {n, 1, 1}), tokens), 1);
        for (Parameter[] layer : layers) {
            NDArray[] v = new NDArray[layer.length];
            for (int i = 0; i < layer.length; i++) {
                v[i] = ps.getValue(layer[i], tokens.getDevice(), training);
            }
            x = x.add(attention(layerNorm(x, v[0], v[1]), v[2], v[3], v[4], v[5]));
            NDArray hidden = Activation.gelu(linear(layerNorm(x, v[6], v[7]), v[8], v[9]));
            x = x.add(linear(hidden, v[10], v[11]));
        }
        return layerNorm(x, ps.getValue(normScale, tokens.getDevice(), training),
                ps.getValue(normShift, tokens.getDevice(), training));
    }

    private NDArray attention(NDArray x, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB) {
        Shape s = x.getShape();
        long n = s.get(0);
        long t = s.get(1);
        int h = spec.heads();
        long dh = spec.width() / h;
        NDArray qkv = linear(x, qkvW, qkvB).reshape(n, t, 3, h, dh).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(dh)).softmax(-1);
        NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, spec.width());
        return linear(o, projW, projB);
    }

    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.matMul(scoped(w.transpose(), x)).add(b);
    }

    /**
     * Moves an array derived from a parameter (a view or a small result) into the activations' manager.
     * NDArray operations attach their result to the first operand's manager, so without this a view of
     * a parameter would land in the model's manager and outlive the step, and everything computed from
     * it after it would too (outside training, where parameters are not attached to the step's scope).
     *
     * @param derived an array derived from a parameter, never a parameter itself
     * @param like an activation in the step's scope
     * @return {@code derived}, now owned by {@code like}'s manager
     */
    private static NDArray scoped(NDArray derived, NDArray like) {
        if (derived.getManager() != like.getManager()) {
            derived.attach(like.getManager());
        }
        return derived;
    }

    static NDArray layerNorm(NDArray x, NDArray scale, NDArray shift) {
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray centred = x.sub(mu);
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(LN_EPS).sqrt()).mul(scale).add(shift);
    }
}
