package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Shared helpers of the loss tests: arrays in and out, random points, finite differences. */
final class LossTesting {
    private LossTesting() {}

    static NDArray nd(NDManager m, double[][] z) {
        int d = z[0].length;
        float[] flat = new float[z.length * d];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) z[i][j];
            }
        }
        return m.create(flat, new Shape(z.length, d));
    }

    static double[][] gaussian(int n, int d, Random r) {
        double[][] z = new double[n][d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return z;
    }

    static double[][] unit(int n, int d, Random r) {
        double[][] z = gaussian(n, d, r);
        for (double[] row : z) {
            double norm = Math.sqrt(Reference.dot(row, row));
            for (int j = 0; j < d; j++) {
                row[j] /= norm;
            }
        }
        return z;
    }

    static int[] labels(int n, int classes, Random r) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < classes ? i : r.nextInt(classes);
        }
        return y;
    }

    static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

    /**
     * Asserts that the autograd gradient of {@code loss} at {@code z} equals the central finite
     * difference of the float64 {@code reference} at the same point.
     */
    static void assertGradient(NDManager m, double[][] z, Function<NDArray, NDArray> loss,
            ToDoubleFunction<double[][]> reference, double tol) {
        NDArray zz = nd(m, z);
        zz.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            c.backward(loss.apply(zz));
        }
        float[] grad = zz.getGradient().toFloatArray();
        int d = z[0].length;
        double h = 1e-5;
        for (int i = 0; i < grad.length; i++) {
            double[][] plus = copy(z);
            double[][] minus = copy(z);
            plus[i / d][i % d] += h;
            minus[i / d][i % d] -= h;
            double fd = (reference.applyAsDouble(plus) - reference.applyAsDouble(minus)) / (2 * h);
            assertEquals(fd, grad[i], tol, "gradient component " + i);
        }
    }
}
