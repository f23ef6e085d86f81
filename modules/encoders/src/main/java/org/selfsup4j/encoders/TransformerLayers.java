package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.selfsup4j.core.Scalars;

/**
 * A stack of pre-norm transformer layers (Vaswani et al. 2017; pre-norm as in ViT, Dosovitskiy et al.
 * 2021) whose parameters belong to the block that creates it: the {@link VisionTransformer} and MAE's
 * decoder share this code. On {@code (N, T, D)} tokens each layer computes
 * <pre>
 *   x ← x + W_o · MHSA(LN(x)),   MHSA per head: softmax(q·kᵀ/√d_h)·v,  d_h = D / heads
 *   x ← x + W_2 · GELU(W_1 · LN(x) + b_1) + b_2,   W_1: (r·D, D)
 * </pre>
 * Weights start from a truncated normal with σ 0.02, biases at 0, LayerNorm scales at 1 (as timm).
 * Parameter names are {@code <prefix>layer<l>_<name>}.
 */
public final class TransformerLayers {
    private static final float LN_EPS = 1e-6f;

    private final List<Parameter[]> layers = new ArrayList<>();
    private final int width;
    private final int heads;

    /**
     * Creates the parameters and registers each with {@code register} (the owning block's
     * {@code addParameter}), in a fixed order.
     *
     * @param prefix the parameter-name prefix ("" for the ViT)
     * @param depth the number of layers
     * @param width the token width D, a multiple of {@code heads}
     * @param heads the attention heads
     * @param mlpRatio the MLP's hidden width as a multiple r of D
     * @param register adds a parameter to the owning block and returns it
     */
    public TransformerLayers(String prefix, int depth, int width, int heads, int mlpRatio, UnaryOperator<Parameter> register) {
        this.width = width;
        this.heads = heads;
        int m = mlpRatio * width;
        for (int l = 0; l < depth; l++) {
            String p = prefix + "layer" + l + "_";
            layers.add(new Parameter[] {
                register.apply(param(p + "ln1_scale", Parameter.Type.GAMMA, new Shape(width))),
                register.apply(param(p + "ln1_shift", Parameter.Type.BETA, new Shape(width))),
                register.apply(weight(p + "qkv_weight", new Shape(3L * width, width))),
                register.apply(param(p + "qkv_bias", Parameter.Type.BIAS, new Shape(3L * width))),
                register.apply(weight(p + "proj_weight", new Shape(width, width))),
                register.apply(param(p + "proj_bias", Parameter.Type.BIAS, new Shape(width))),
                register.apply(param(p + "ln2_scale", Parameter.Type.GAMMA, new Shape(width))),
                register.apply(param(p + "ln2_shift", Parameter.Type.BETA, new Shape(width))),
                register.apply(weight(p + "fc1_weight", new Shape(m, width))),
                register.apply(param(p + "fc1_bias", Parameter.Type.BIAS, new Shape(m))),
                register.apply(weight(p + "fc2_weight", new Shape(width, m))),
                register.apply(param(p + "fc2_bias", Parameter.Type.BIAS, new Shape(width)))});
        }
    }

    /**
     * @param name the parameter's name
     * @param shape its shape, or {@code null} when the owner sets it in {@code prepare}
     * @return a weight initialised from a truncated normal with σ 0.02
     */
    public static Parameter weight(String name, Shape shape) {
        Parameter.Builder b = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optInitializer(new TruncatedNormalInitializer(0.02f));
        return (shape == null ? b : b.optShape(shape)).build();
    }

    /**
     * @param name the parameter's name
     * @param type BIAS/BETA (zeros) or GAMMA (ones)
     * @param shape its shape
     * @return the parameter with the type's default initialiser
     */
    public static Parameter param(String name, Parameter.Type type, Shape shape) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).build();
    }

    /**
     * Runs every layer.
     *
     * @param ps the parameter store
     * @param x {@code (N, T, D)} tokens
     * @param training whether gradients are recorded
     * @return {@code (N, T, D)}
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        for (Parameter[] layer : layers) {
            NDArray[] v = new NDArray[layer.length];
            for (int i = 0; i < layer.length; i++) {
                v[i] = ps.getValue(layer[i], x.getDevice(), training);
            }
            x = x.add(attention(layerNorm(x, v[0], v[1]), v[2], v[3], v[4], v[5]));
            NDArray hidden = Activation.gelu(linear(layerNorm(x, v[6], v[7]), v[8], v[9]));
            x = x.add(linear(hidden, v[10], v[11]));
        }
        return x;
    }

    private NDArray attention(NDArray x, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB) {
        Shape s = x.getShape();
        long n = s.get(0);
        long t = s.get(1);
        long dh = width / heads;
        NDArray qkv = linear(x, qkvW, qkvB).reshape(n, t, 3, heads, dh).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray att = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(dh)).softmax(-1);
        NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, width);
        return linear(o, projW, projB);
    }

    /**
     * @param x {@code (..., D_in)} activations
     * @param w {@code (D_out, D_in)} weight
     * @param b {@code (D_out)} bias
     * @return {@code x·wᵀ + b}
     */
    public static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.matMul(scoped(w.transpose(), x)).add(b);
    }

    /**
     * @param x {@code (..., D)} activations
     * @param scale {@code (D)} γ
     * @param shift {@code (D)} β
     * @return {@code γ·(x − μ)/√(σ² + 1e-6) + β} over the last axis (biased variance)
     */
    public static NDArray layerNorm(NDArray x, NDArray scale, NDArray shift) {
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray centred = x.sub(mu);
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(LN_EPS).sqrt()).mul(scale).add(shift);
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
    public static NDArray scoped(NDArray derived, NDArray like) {
        if (derived.getManager() != like.getManager()) {
            derived.attach(like.getManager());
        }
        return derived;
    }
}
