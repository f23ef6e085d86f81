package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.SeedTree;

/**
 * Linear probe: multinomial logistic regression on frozen features (docs/evaluation.md).
 *
 * <p>Objective, with {@code P = softmax(XW + b)} and one-hot targets {@code Y}:
 * {@code L(W, b) = −(1/n) Σ_i log P_{i,y_i} + (λ/2) ||W||²_F}; gradients {@code ∇W = Xᵀ(P − Y)/n + λW},
 * {@code ∇b = mean_i (P − Y)_i}. It is convex; it is minimised full-batch with {@link Lbfgs} from zero
 * (as scikit-learn's {@code LogisticRegression} does), so the fit is converged and deterministic.
 *
 * <p>Protocol: a validation split ({@code valFraction} of train, drawn from the stream
 * {@code probe/split}) chooses λ from the grid (best validation top-1, ties to the larger λ); the grid is
 * walked from the largest λ down, each fit warm-started from the previous solution (a regularisation
 * path, as in glmnet). Then the probe is refit on all training features with that λ, warm-started from
 * its validation-split solution, and evaluated once on the test features. The
 * test features are touched only in that final evaluation. Standardisation, when on, uses the
 * statistics of the features being fitted.
 */
public final class LinearProbe {
    /** L-BFGS stops when no gradient component exceeds this (the loss is a mean over samples). */
    private static final double GRAD_TOLERANCE = 1e-5;

    private LinearProbe() {}

    /**
     * The probe's outcome.
     *
     * @param top1 test top-1 accuracy
     * @param top5 test top-5 accuracy
     * @param l2 the chosen λ
     * @param validationTop1 λ → validation top-1
     * @param perClassTop1 test top-1 of each class (the recall of class c: correct / test images of c), by
     *     label; NaN for a class with no test image
     */
    public record Result(double top1, double top5, double l2, Map<Double, Double> validationTop1,
            List<Double> perClassTop1) {}

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
        Selection chosen = select(train, spec, seeds, manager);
        int[] predicted = chosen.model().predict(test, 1, manager);
        double top1 = accuracy(predicted, test.labels());
        double top5 = accuracy(chosen.model().predict(test, Math.min(5, train.numClasses()), manager), test.labels());
        return new Result(top1, top5, chosen.l2(), chosen.validationTop1(), perClass(predicted, test.labels(),
                train.numClasses()));
    }

    /**
     * The probe as chosen and fitted from the training features alone (it has no way to see the test
     * set): λ by validation top-1 on the split, then the refit on all training features.
     *
     * @param model the final probe
     * @param l2 the chosen λ
     * @param validationTop1 λ → validation top-1
     */
    public record Selection(Model model, double l2, Map<Double, Double> validationTop1) {}

    /**
     * Model selection and the final fit, on training features only.
     *
     * @param train training features
     * @param spec settings
     * @param seeds seeds (the split stream)
     * @param manager where to compute
     * @return the chosen λ and the probe refitted on all of {@code train}
     */
    public static Selection select(Features train, LinearProbeSpec spec, SeedTree seeds, NDManager manager) {
        int[][] split = split(train.n(), spec.valFraction(), seeds.stream("probe/split"));
        Features fit = rows(train, split[0]);
        Features val = rows(train, split[1]);
        Map<Double, Double> validation = new LinkedHashMap<>();
        List<Double> path = new ArrayList<>(spec.l2Grid());
        path.sort(Comparator.reverseOrder());
        double bestL2 = path.get(0);
        double bestAcc = -1;
        Model bestModel = null;
        Model previous = null;
        for (double l2 : path) {
            Model model = fit(fit, l2, spec, manager, previous);
            double acc = accuracy(model.predict(val, 1, manager), val.labels());
            validation.put(l2, acc);
            if (acc > bestAcc) {
                bestAcc = acc;
                bestL2 = l2;
                bestModel = model;
            }
            previous = model;
        }
        return new Selection(fit(train, bestL2, spec, manager, bestModel), bestL2, validation);
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
            NDArray xs = ArrayIO.upload(scope, x.values(), new Shape(x.n(), x.dim()))
                    .sub(scope.create(mean, new Shape(1, x.dim()))).mul(scope.create(scale, new Shape(1, x.dim())));
            return xs.matMul(scope.create(weights, new Shape(x.dim(), classes))).add(scope.create(bias, new Shape(1, classes)));
        }
    }

    /**
     * Fits the probe on features with a given λ.
     *
     * @param data the features to fit
     * @param l2 λ
     * @param spec settings (iterations, standardisation)
     * @param manager where to compute
     * @return the fitted probe
     */
    public static Model fit(Features data, double l2, LinearProbeSpec spec, NDManager manager) {
        return fit(data, l2, spec, manager, null);
    }

    /**
     * Fits the probe, starting from another fitted probe's weights.
     *
     * @param data the features to fit
     * @param l2 λ
     * @param spec settings
     * @param manager where to compute
     * @param start the starting weights, or {@code null} for zeros
     * @return the fitted probe
     */
    public static Model fit(Features data, double l2, LinearProbeSpec spec, NDManager manager, Model start) {
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
            NDArray x = ArrayIO.upload(scope, data.values(), new Shape(n, d)).sub(scope.create(mean, new Shape(1, d)))
                    .mul(scope.create(scale, new Shape(1, d)));
            NDArray y = scope.create(data.labels()).oneHot(c);
            Lbfgs.Objective objective = (theta, grad) -> {
                try (NDManager it = scope.newSubManager()) {
                    it.tempAttachAll(x, y);
                    NDArray w = it.create(floats(theta, 0, d * c), new Shape(d, c));
                    NDArray b = it.create(floats(theta, d * c, d * c + c), new Shape(1, c));
                    NDArray logp = x.matMul(w).add(b).logSoftmax(1);
                    NDArray g = logp.exp().sub(y).div(n);
                    copy(x.transpose().matMul(g).add(w.mul((float) l2)).toFloatArray(), grad, 0);
                    copy(g.sum(new int[] {0}).toFloatArray(), grad, d * c);
                    double nll = -logp.mul(y).sum().getFloat() / n;
                    double penalty = 0;
                    for (int i = 0; i < d * c; i++) {
                        penalty += theta[i] * theta[i];
                    }
                    return nll + 0.5 * l2 * penalty;
                }
            };
            double[] theta0 = new double[d * c + c];
            if (start != null) {
                copy(start.weights(), theta0, 0);
                copy(start.bias(), theta0, d * c);
            }
            double[] theta = Lbfgs.minimize(objective, theta0, 10, spec.iterations(), GRAD_TOLERANCE).x();
            return new Model(mean, scale, floats(theta, 0, d * c), floats(theta, d * c, d * c + c), c);
        }
    }

    /** Parameters θ = [W row-major, b] live in double precision for L-BFGS and in float for the engine. */
    private static float[] floats(double[] v, int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (float) v[i];
        }
        return out;
    }

    private static void copy(float[] src, double[] dst, int offset) {
        for (int i = 0; i < src.length; i++) {
            dst[offset + i] = src[i];
        }
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

    /**
     * @param predicted predicted classes
     * @param labels true classes
     * @param classes the number of classes
     * @return for each class c, the share of its images predicted as c (NaN when it has none)
     */
    public static List<Double> perClass(int[] predicted, int[] labels, int classes) {
        int[] ok = new int[classes];
        int[] all = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            all[labels[i]]++;
            if (predicted[i] == labels[i]) {
                ok[labels[i]]++;
            }
        }
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(all[c] == 0 ? Double.NaN : (double) ok[c] / all[c]);
        }
        return out;
    }

    /**
     * The validation split: a random permutation's first {@code round(n·valFraction)} (at least 1) rows
     * are held out.
     *
     * @param n rows
     * @param valFraction the held-out share
     * @param rng the split stream
     * @return {fit rows, validation rows}
     */
    public static int[][] split(int n, double valFraction, SplittableRandom rng) {
        int[] perm = Permutation.random(n, rng);
        int nVal = Math.max(1, (int) Math.round(n * valFraction));
        return new int[][] {java.util.Arrays.copyOfRange(perm, nVal, n), java.util.Arrays.copyOfRange(perm, 0, nVal)};
    }

    /**
     * @param f features
     * @param idx rows to keep, in order
     * @return those rows and their labels
     */
    public static Features rows(Features f, int[] idx) {
        float[] out = new float[idx.length * f.dim()];
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(f.values(), idx[i] * f.dim(), out, i * f.dim(), f.dim());
            labels[i] = f.labels()[idx[i]];
        }
        return new Features(out, idx.length, f.dim(), labels, f.numClasses());
    }
}
