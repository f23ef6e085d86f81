package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.selfsup4j.core.SeedTree;

/**
 * Linear probe: multinomial logistic regression on frozen features (SCIENCE.md §6).
 *
 * <p>Objective, with {@code P = softmax(XW + b)} and one-hot targets {@code Y}:
 * {@code L(W, b) = −(1/n) Σ_i log P_{i,y_i} + (λ/2) ||W||²_F}; gradients {@code ∇W = Xᵀ(P − Y)/n + λW},
 * {@code ∇b = mean_i (P − Y)_i}. It is convex; it is minimised full-batch with Adam and a cosine-decayed
 * step, from zero, so the fit is deterministic.
 *
 * <p>Protocol: a validation split ({@code valFraction} of train, drawn from the stream
 * {@code probe/split}) chooses λ from the grid (best validation top-1, ties to the larger λ); then the
 * probe is refit on all training features with that λ and evaluated once on the test features. The
 * test features are touched only in that final evaluation. Standardisation, when on, uses the
 * statistics of the features being fitted.
 */
public final class LinearProbe {
    private LinearProbe() {}

    /**
     * The probe's outcome.
     *
     * @param top1 test top-1 accuracy
     * @param top5 test top-5 accuracy
     * @param l2 the chosen λ
     * @param validationTop1 λ → validation top-1
     */
    public record Result(double top1, double top5, double l2, Map<Double, Double> validationTop1) {}

    /**
     * Runs the whole protocol.
     *
     * @param train training features
     * @param test test features
     * @param spec settings
     * @param seeds seeds (the split stream)
     * @param manager a manager on the device to compute on
     * @return the result
     */
    public static Result run(Features train, Features test, LinearProbeSpec spec, SeedTree seeds, NDManager manager) {
        int[][] split = split(train.n(), spec.valFraction(), seeds.stream("probe/split"));
        Features fit = rows(train, split[0]);
        Features val = rows(train, split[1]);
        Map<Double, Double> validation = new LinkedHashMap<>();
        double bestL2 = spec.l2Grid().get(0);
        double bestAcc = -1;
        for (double l2 : spec.l2Grid()) {
            Model model = fit(fit, l2, spec, manager);
            double acc = accuracy(model.predict(val, 1, manager), val.labels());
            validation.put(l2, acc);
            if (acc >= bestAcc) {
                bestAcc = acc;
                bestL2 = l2;
            }
        }
        Model model = fit(train, bestL2, spec, manager);
        double top1 = accuracy(model.predict(test, 1, manager), test.labels());
        double top5 = accuracy(model.predict(test, Math.min(5, train.numClasses()), manager), test.labels());
        return new Result(top1, top5, bestL2, validation);
    }

    /**
     * A fitted probe: standardisation plus the weights.
     *
     * @param mean per-feature means (zeros when not standardising)
     * @param scale per-feature 1/std (ones when not standardising)
     * @param weights {@code (dim, classes)} row-major
     * @param bias {@code classes}
     * @param classes the number of classes
     */
    public record Model(float[] mean, float[] scale, float[] weights, float[] bias, int classes) {
        /**
         * Top-k predictions: for k = 1 the class; for k > 1 row i is correct when its label is among
         * the k best, encoded by returning the label itself, else the best class.
         *
         * @param x the features
         * @param k how many top classes count
         * @param manager where to compute
         * @return one class per row
         */
        public int[] predict(Features x, int k, NDManager manager) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray logits = logits(scope, x);
                if (k == 1) {
                    return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                }
                int[] top = logits.topK(k, 1, true, true).get(1).toType(DataType.INT32, false).toIntArray();
                int[] out = new int[x.n()];
                for (int i = 0; i < x.n(); i++) {
                    out[i] = top[i * k];
                    for (int j = 0; j < k; j++) {
                        if (top[i * k + j] == x.labels()[i]) {
                            out[i] = x.labels()[i];
                        }
                    }
                }
                return out;
            }
        }

        private NDArray logits(NDManager scope, Features x) {
            NDArray xs = scope.create(x.values(), new Shape(x.n(), x.dim()))
                    .sub(scope.create(mean, new Shape(1, x.dim()))).mul(scope.create(scale, new Shape(1, x.dim())));
            return xs.matMul(scope.create(weights, new Shape(x.dim(), classes))).add(scope.create(bias, new Shape(1, classes)));
        }
    }

    /**
     * Fits the probe on features with a given λ.
     *
     * @param data the features to fit
     * @param l2 λ
     * @param spec settings (iterations, step, standardisation)
     * @param manager where to compute
     * @return the fitted probe
     */
    public static Model fit(Features data, double l2, LinearProbeSpec spec, NDManager manager) {
        int n = data.n();
        int d = data.dim();
        int c = data.numClasses();
        float[] mean = new float[d];
        float[] scale = new float[d];
        java.util.Arrays.fill(scale, 1f);
        if (spec.standardize()) {
            standardisation(data, mean, scale);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(data.values(), new Shape(n, d)).sub(scope.create(mean, new Shape(1, d)))
                    .mul(scope.create(scale, new Shape(1, d)));
            NDArray y = scope.create(data.labels()).oneHot(c);
            NDArray w = scope.zeros(new Shape(d, c));
            NDArray b = scope.zeros(new Shape(1, c));
            NDArray mw = scope.zeros(new Shape(d, c));
            NDArray vw = scope.zeros(new Shape(d, c));
            NDArray mb = scope.zeros(new Shape(1, c));
            NDArray vb = scope.zeros(new Shape(1, c));
            float beta1 = 0.9f;
            float beta2 = 0.999f;
            for (int t = 1; t <= spec.iterations(); t++) {
                try (NDManager it = scope.newSubManager()) {
                    it.tempAttachAll(x, y, w, b, mw, vw, mb, vb);
                    NDArray g = x.matMul(w).add(b).softmax(1).sub(y);
                    NDArray gw = x.transpose().matMul(g).div(n).add(w.mul((float) l2));
                    NDArray gb = g.mean(new int[] {0}, true);
                    float lr = (float) (spec.lr() * 0.5 * (1 + Math.cos(Math.PI * (t - 1) / spec.iterations())));
                    float c1 = (float) (1 - Math.pow(beta1, t));
                    float c2 = (float) (1 - Math.pow(beta2, t));
                    adam(w, gw, mw, vw, lr, beta1, beta2, c1, c2);
                    adam(b, gb, mb, vb, lr, beta1, beta2, c1, c2);
                }
            }
            return new Model(mean, scale, w.toFloatArray(), b.toFloatArray(), c);
        }
    }

    private static void adam(NDArray p, NDArray g, NDArray m, NDArray v, float lr, float beta1, float beta2, float c1,
            float c2) {
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().mul(1 - beta2));
        p.subi(m.div(c1).div(v.div(c2).sqrt().add(1e-8f)).mul(lr));
    }

    private static void standardisation(Features data, float[] mean, float[] scale) {
        int n = data.n();
        int d = data.dim();
        double[] sum = new double[d];
        double[] sq = new double[d];
        float[] v = data.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double x = v[i * d + j];
                sum[j] += x;
                sq[j] += x * x;
            }
        }
        for (int j = 0; j < d; j++) {
            double mu = sum[j] / n;
            double var = Math.max(sq[j] / n - mu * mu, 0);
            mean[j] = (float) mu;
            scale[j] = (float) (1.0 / Math.sqrt(var + 1e-6));
        }
    }

    /**
     * @param predicted predicted classes
     * @param labels true classes
     * @return the share of equal entries
     */
    public static double accuracy(int[] predicted, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                ok++;
            }
        }
        return labels.length == 0 ? 0 : (double) ok / labels.length;
    }

    private static int[][] split(int n, double valFraction, SplittableRandom rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nVal = Math.max(1, (int) Math.round(n * valFraction));
        return new int[][] {java.util.Arrays.copyOfRange(perm, nVal, n), java.util.Arrays.copyOfRange(perm, 0, nVal)};
    }

    private static Features rows(Features f, int[] idx) {
        float[] out = new float[idx.length * f.dim()];
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(f.values(), idx[i] * f.dim(), out, i * f.dim(), f.dim());
            labels[i] = f.labels()[idx[i]];
        }
        return new Features(out, idx.length, f.dim(), labels, f.numClasses());
    }
}
