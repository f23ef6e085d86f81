package org.selfsup4j.autoencoders;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.DeviceRandom;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.StopSignal;

/**
 * A sparse autoencoder on the hidden activations of a trained encoder, for interpretability (docs/components.md;
 * Bricken et al., "Towards Monosemanticity", 2023). Activations {@code a ∈ ℝ^m} are scaled by one constant
 * so that their mean squared norm over the training set is m; then with F = expansion·m features:
 * <pre>
 *   h = ReLU(W_e (a − b_d) + b_e),   â = W_d h + b_d,   columns of W_d of unit norm
 *   L = (1/N) Σ_n ||a_n − â_n||² + λ (1/N) Σ_n Σ_j h_nj
 * </pre>
 * {@code W_d} starts as a Gaussian matrix with unit columns and {@code W_e = W_dᵀ}, {@code b_d} as the mean
 * activation; Adam with a fixed rate; the columns are renormalised after every step. Batches come from a
 * seeded permutation ({@code sae/epoch-E}). {@link #evaluate} reports the reconstruction (mean squared
 * error and the fraction of variance unexplained), L0 (active features per input) and the dead features
 * (never active on the whole set).
 */
public final class ActivationSae implements AutoCloseable {
    private final NDManager manager;
    private final NDArray encW;
    private final NDArray encB;
    private final NDArray decW;
    private final NDArray decB;
    private final double scale;
    private final int dim;
    private final int features;

    /**
     * Figures on one set of activations.
     *
     * @param mse {@code (1/N) Σ ||a − â||²} in scaled units
     * @param fvu {@code Σ ||a − â||² / Σ ||a − ā||²}, the fraction of variance unexplained
     * @param l0 mean number of active features per input
     * @param dead features never active on the set
     * @param features F
     */
    public record Report(double mse, double fvu, double l0, int dead, int features) {
        /** @return the figures as JSON fields */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mse", mse);
            m.put("fraction_of_variance_unexplained", fvu);
            m.put("l0", l0);
            m.put("dead_features", dead);
            m.put("features", features);
            return m;
        }
    }

    /**
     * Trains the SAE.
     *
     * @param train {@code n × m} training activations, row-major
     * @param n rows
     * @param m activation dimension
     * @param spec the settings
     * @param root a manager on the training device
     * @param log where a line per epoch goes
     */
    public ActivationSae(float[] train, int n, int m, SaeSpec spec, NDManager root, PrintStream log) {
        if ((long) n * m != train.length || n < spec.batchSize()) {
            throw new SelfsupException("sae", "activations must be " + n + " × " + m + " with at least one batch ("
                    + spec.batchSize() + "), found " + train.length + " values");
        }
        this.manager = root.newSubManager();
        this.dim = m;
        this.features = spec.expansion() * m;
        SeedTree seeds = new SeedTree(spec.seed());
        double sq = 0;
        for (float v : train) {
            sq += (double) v * v;
        }
        this.scale = Math.sqrt(m / Math.max(sq / n, 1e-12));
        NDArray data = Scalars.mul(ArrayIO.upload(manager, train, new Shape(n, m)), scale);
        NDArray w = DeviceRandom.normal(manager, new Shape(m, features), seeds.stream("sae/init"));
        decW = AeParts.unitColumns(w);
        encW = decW.transpose().duplicate();
        encB = manager.zeros(new Shape(features));
        decB = data.mean(new int[] {0});
        for (NDArray p : List.of(encW, encB, decW, decB)) {
            p.setRequiresGradient(true);
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) spec.lr())).build();
        int steps = n / spec.batchSize();
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            int[] order = Permutation.random(n, seeds.stream("sae/epoch-" + epoch));
            double sum = 0;
            for (int s = 0; s < steps; s++) {
                StopSignal.check();
                try (NDManager scope = manager.newSubManager()) {
                    long[] idx = new long[spec.batchSize()];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = order[s * spec.batchSize() + i];
                    }
                    NDArray batch = data.get(scope.create(idx));
                    batch.attach(scope);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray h = encode(batch);
                        NDArray loss = decode(h).sub(batch).square().sum(new int[] {1}).mean()
                                .add(Scalars.mul(h.sum(new int[] {1}).mean(), spec.l1()));
                        sum += loss.getFloat();
                        gc.backward(loss);
                    }
                    int id = 0;
                    for (NDArray p : List.of(encW, encB, decW, decB)) {
                        NDArray g = p.getGradient();
                        adam.update("sae-" + id++, p, g);
                        g.muli(0f);
                    }
                    AeParts.normaliseColumnsInPlace(decW);
                }
            }
            log.printf(Locale.ROOT, "sae: epoch %d, loss %.4f%n", epoch + 1, sum / steps);
        }
    }

    private NDArray encode(NDArray a) {
        return Activation.relu(a.sub(decB).matMul(transposed(encW, a)).add(encB));
    }

    private NDArray decode(NDArray h) {
        return h.matMul(transposed(decW, h)).add(decB);
    }

    /** @return wᵀ in the manager of {@code like} (a parameter's op result would otherwise stay in the SAE's manager) */
    private static NDArray transposed(NDArray w, NDArray like) {
        NDArray t = w.transpose();
        t.attach(like.getManager());
        return t;
    }

    /**
     * @param acts {@code n × m} activations (unscaled, as extracted)
     * @param n rows
     * @return {@code n × F} feature activations, row-major
     */
    public float[] features(float[] acts, int n) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = Scalars.mul(ArrayIO.upload(scope, acts, new Shape(n, dim)), scale);
            return encode(a).toFloatArray();
        }
    }

    /**
     * @param acts {@code n × m} activations (unscaled)
     * @param n rows
     * @return the reconstruction, sparsity and dead-feature figures on them
     */
    public Report evaluate(float[] acts, int n) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = Scalars.mul(ArrayIO.upload(scope, acts, new Shape(n, dim)), scale);
            NDArray h = encode(a);
            NDArray err = decode(h).sub(a).square().sum().toType(DataType.FLOAT64, false);
            double sse = err.getDouble();
            double var = a.sub(a.mean(new int[] {0})).square().sum().toType(DataType.FLOAT64, false).getDouble();
            NDArray active = h.gt(Scalars.of(h, 0));
            double l0 = active.sum().getLong() / (double) n;
            int dead = (int) active.sum(new int[] {0}).eq(Scalars.of(h, 0).toType(DataType.INT64, false)).sum().getLong();
            return new Report(sse / n, sse / Math.max(var, 1e-30), l0, dead, features);
        }
    }

    /**
     * A PNG with one row per feature: the {@code per} images on which the feature is most active, most
     * active first.
     *
     * @param acts {@code n × F} feature activations of the images, row-major
     * @param images {@code (n, C, H, W)} the images
     * @param chosen the features drawn
     * @param per images per row
     * @return the PNG
     */
    public static byte[] topActivations(float[] acts, NDArray images, int[] chosen, int per) {
        int n = (int) images.getShape().get(0);
        int f = acts.length / n;
        long[][] idx = new long[per][chosen.length];
        for (int r = 0; r < chosen.length; r++) {
            int feature = chosen[r];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(acts[b * f + feature], acts[a * f + feature]));
            for (int c = 0; c < per; c++) {
                idx[c][r] = order[c];
            }
        }
        NDManager m = images.getManager();
        NDArray[] cols = new NDArray[per - 1];
        for (int c = 1; c < per; c++) {
            cols[c - 1] = images.get(m.create(idx[c]));
        }
        return AeParts.grid(images.get(m.create(idx[0])), cols);
    }

    /** @return F */
    public int featureCount() {
        return features;
    }

    @Override
    public void close() {
        manager.close();
    }
}
