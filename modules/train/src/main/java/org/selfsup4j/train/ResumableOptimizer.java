package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.SelfsupException;

/**
 * Adam, AdamW and SGD with momentum whose whole state (per-parameter moments and update counts) can be
 * saved and restored, so that a resumed run continues exactly as if it had never stopped. The updates
 * run the engine's fused kernels, the same ones as DJL's {@code Adam}, {@code AdamW} and {@code Sgd},
 * and give bit-identical weights. With g the gradient, t the update count, η_t the schedule and λ the
 * weight decay:
 * <pre>
 *   adam  (Kingma &amp; Ba 2015):  g ← g + λθ;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
 *                                θ ← θ − η_t·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)
 *   adamw (Loshchilov &amp; Hutter 2019): θ ← θ − η_t·λ·θ, then the Adam step on g without λθ. The decay
 *                                applies to matrices only (parameters with ≥ 2 dimensions: weights, tokens,
 *                                positions), not to biases or norms, as MAE and timm do
 *   sgd   (DJL/MXNet form):       m ← μm + η_t(g + λθ);  θ ← θ − m
 * </pre>
 * Defaults β₁ 0.9, ε 1e-8; β₂, μ and λ come from the recipe. t is the largest update count of any
 * parameter, as in DJL.
 */
public final class ResumableOptimizer extends Optimizer {
    private static final int MAGIC = 0x4f505431; // "OPT1"
    private static final float BETA1 = 0.9f;
    private static final float EPSILON = 1e-8f;

    /** The update rule. */
    public enum Kind {
        /** Adam with L2 decay added to the gradient. */
        ADAM,
        /** AdamW: decoupled decay on matrices only. */
        ADAMW,
        /** SGD with momentum and L2 decay. */
        SGD
    }

    private final Kind kind;
    private final ParameterTracker learningRate;
    private final float weightDecay;
    private final float beta2;
    private final float momentum;
    private final List<Parameter> parameters;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, NDArray[]> states = new HashMap<>();
    private int numUpdate;

    /**
     * @param kind the update rule
     * @param learningRate η_t, given the parameter and the update count t
     * @param weightDecay λ
     * @param beta2 β₂ (Adam and AdamW)
     * @param momentum μ (SGD)
     * @param parameters the trained parameters, in the order their state is saved
     */
    public ResumableOptimizer(Kind kind, ParameterTracker learningRate, float weightDecay, float beta2, float momentum,
            List<Parameter> parameters) {
        super(new Builder());
        this.kind = kind;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.beta2 = beta2;
        this.momentum = momentum;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * @param p a parameter
     * @return whether AdamW decays it: matrices (≥ 2 dimensions) do, vectors do not
     */
    public static boolean decays(Parameter p) {
        return decays(p.getArray());
    }

    private static boolean decays(NDArray weight) {
        return weight.getShape().dimension() >= 2;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = count(parameterId);
        float lr = learningRate.getNewValue(parameterId, t);
        NDList weights = new NDList(weight);
        if (kind == Kind.SGD) {
            NDList inputs = momentum == 0f ? new NDList(weight, grad)
                    : new NDList(weight, grad, state(parameterId, weight, 1)[0]);
            weight.getNDArrayInternal().sgdUpdate(inputs, weights, lr, weightDecay, rescaleGrad, clipGrad, momentum, true);
            return;
        }
        double c1 = 1.0 - Math.pow(BETA1, t);
        double c2 = 1.0 - Math.pow(beta2, t);
        float corrected = (float) (lr * Math.sqrt(c2) / c1);
        float decay = kind == Kind.ADAMW && !decays(weight) ? 0f : weightDecay;
        NDArray[] s = state(parameterId, weight, 2);
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, s[0], s[1]), weights, lr, corrected, decay,
                rescaleGrad, clipGrad, BETA1, beta2, EPSILON, true, kind == Kind.ADAMW);
    }

    private int count(String id) {
        int c = counts.merge(id, 1, Integer::sum);
        numUpdate = Math.max(numUpdate, c);
        return numUpdate;
    }

    private NDArray[] state(String id, NDArray weight, int slots) {
        return states.computeIfAbsent(id, k -> {
            NDArray[] s = new NDArray[slots];
            for (int i = 0; i < slots; i++) {
                s[i] = weight.zerosLike();
            }
            return s;
        });
    }

    /** @return the largest update count t so far */
    public int updates() {
        return numUpdate;
    }

    /**
     * Writes the update counts and every state array, parameter by parameter in the constructor's order.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(kind.name());
        out.writeInt(numUpdate);
        out.writeInt(parameters.size());
        for (Parameter p : parameters) {
            out.writeInt(counts.getOrDefault(p.getId(), 0));
            NDArray[] s = states.get(p.getId());
            out.writeInt(s == null ? 0 : s.length);
            for (NDArray a : s == null ? new NDArray[0] : s) {
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : a.toFloatArray()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    /**
     * Restores what {@link #save} wrote, for the same parameters in the same order. State arrays are
     * created beside each weight (its manager and device).
     *
     * @param in the stream
     * @param where names the source in errors
     * @throws IOException if reading fails
     */
    public void load(DataInputStream in, String where) throws IOException {
        if (in.readInt() != MAGIC) {
            throw SelfsupException.of(where, "optimizer state", "an optimizer section", "something else", null);
        }
        String k = in.readUTF();
        if (!k.equals(kind.name())) {
            throw SelfsupException.of(where, "optimizer state", "of type " + kind.name().toLowerCase(),
                    k.toLowerCase(), "was the recipe changed?");
        }
        int n = in.readInt();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw SelfsupException.of(where, "optimizer state", parameters.size() + " parameters", count,
                    "was the recipe changed?");
        }
        Map<String, Integer> newCounts = new HashMap<>();
        Map<String, NDArray[]> newStates = new HashMap<>();
        for (Parameter p : parameters) {
            int c = in.readInt();
            if (c > 0) {
                newCounts.put(p.getId(), c);
            }
            int slots = in.readInt();
            if (slots == 0) {
                continue;
            }
            NDArray weight = p.getArray();
            NDArray[] s = new NDArray[slots];
            for (int i = 0; i < slots; i++) {
                s[i] = readArray(in, weight, p.getName(), where);
            }
            newStates.put(p.getId(), s);
        }
        close();
        counts.putAll(newCounts);
        states.putAll(newStates);
        numUpdate = n;
    }

    private static NDArray readArray(DataInputStream in, NDArray weight, String name, String where) throws IOException {
        int rank = in.readInt();
        if (rank != weight.getShape().dimension()) {
            throw SelfsupException.of(where, "optimizer state of " + name, "shape " + weight.getShape(), "rank " + rank,
                    "was the recipe changed?");
        }
        long[] dims = new long[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = in.readLong();
        }
        Shape shape = new Shape(dims);
        if (!shape.equals(weight.getShape())) {
            throw SelfsupException.of(where, "optimizer state of " + name, "shape " + weight.getShape(), shape,
                    "was the recipe changed?");
        }
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        // engine memory beside the weight, filled by copy: nothing may point into Java memory
        NDArray state = weight.zerosLike();
        ArrayIO.overwrite(state, values);
        return state;
    }

    /** Frees every state array (counts are cleared too). */
    public void close() {
        for (NDArray[] s : states.values()) {
            for (NDArray a : s) {
                a.close();
            }
        }
        states.clear();
        counts.clear();
        numUpdate = 0;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
