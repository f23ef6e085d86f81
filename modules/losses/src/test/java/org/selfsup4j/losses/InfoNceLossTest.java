package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;
import org.junit.jupiter.api.Test;

class InfoNceLossTest extends ManagedTest {
    /** Brute force in float64 with explicit loops, straight from the definition in InfoNceLoss's Javadoc. */
    static double reference(double[][] z, int[] y, double tau) {
        int n = z.length;
        double total = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            double denom = 0;
            for (int k = 0; k < n; k++) {
                if (k != i) {
                    denom += Math.exp(dot(z[i], z[k]) / tau);
                }
            }
            double sum = 0;
            int positives = 0;
            for (int p = 0; p < n; p++) {
                if (p != i && y[p] == y[i]) {
                    sum += -Math.log(Math.exp(dot(z[i], z[p]) / tau) / denom);
                    positives++;
                }
            }
            if (positives > 0) {
                total += sum / positives;
                anchors++;
            }
        }
        return anchors == 0 ? 0 : total / anchors;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private double[][] randomUnit(int n, int d, Random r) {
        double[][] z = new double[n][d];
        for (double[] row : z) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
                norm += row[j] * row[j];
            }
            for (int j = 0; j < d; j++) {
                row[j] /= Math.sqrt(norm);
            }
        }
        return z;
    }

    private float evaluate(double[][] z, int[] y, double tau) {
        float[] flat = new float[z.length * z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                flat[i * z[0].length + j] = (float) z[i][j];
            }
        }
        NDArray zz = m.create(flat, new Shape(z.length, z[0].length));
        return new InfoNceLoss(tau).evaluate(new NDList(m.create(y)), new NDList(zz)).getFloat();
    }

    @Test
    void matchesBruteForceForViewsAndClassLabels() {
        Random r = new Random(3);
        for (int[] size : new int[][] {{2, 4, 2}, {8, 16, 2}, {5, 3, 3}, {32, 8, 2}}) {
            int n = size[0];
            int views = size[2];
            double[][] z = randomUnit(n * views, size[1], r);
            int[] instance = new int[n * views];
            for (int i = 0; i < instance.length; i++) {
                instance[i] = i % n;
            }
            int[] classes = new int[n * views];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = r.nextInt(3);
            }
            for (double tau : new double[] {0.07, 0.5, 1.0}) {
                assertEquals(reference(z, instance, tau), evaluate(z, instance, tau), 2e-4 * (1 / tau), "instances");
                assertEquals(reference(z, classes, tau), evaluate(z, classes, tau), 2e-4 * (1 / tau), "classes");
            }
        }
    }

    @Test
    void identicalViewsOfOrthogonalInstancesHaveTheClosedForm() {
        // z_i·z_p = 1 for the positive, 0 for the M−2 negatives: ℓ = log(1 + (M−2)·e^(−1/τ)).
        int n = 6;
        double[][] z = new double[2 * n][n];
        int[] y = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            z[i][i % n] = 1;
            y[i] = i % n;
        }
        double tau = 0.5;
        assertEquals(Math.log(1 + (2 * n - 2) * Math.exp(-1 / tau)), evaluate(z, y, tau), 1e-5);
    }

    @Test
    void noPositiveGivesAZeroLossStillOnTheGraph() {
        NDArray z = m.randomNormal(new Shape(4, 3));
        z.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray loss = new InfoNceLoss(0.5).evaluate(new NDList(m.create(new int[] {0, 1, 2, 3})), new NDList(z));
            assertEquals(0f, loss.getFloat(), 0f);
            c.backward(loss);
        }
        assertEquals(0f, z.getGradient().abs().sum().getFloat());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(9);
        double[][] z = randomUnit(6, 3, r);
        int[] y = {0, 1, 2, 0, 1, 2};
        float[] flat = new float[18];
        for (int i = 0; i < 18; i++) {
            flat[i] = (float) z[i / 3][i % 3];
        }
        NDArray zz = m.create(flat, new Shape(6, 3));
        zz.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            c.backward(new InfoNceLoss(0.5, Distances.DOT, null).evaluate(new NDList(m.create(y)), new NDList(zz)));
        }
        float[] grad = zz.getGradient().toFloatArray();
        double h = 1e-5;
        for (int i = 0; i < 18; i++) {
            double[][] plus = copy(z);
            double[][] minus = copy(z);
            plus[i / 3][i % 3] += h;
            minus[i / 3][i % 3] -= h;
            double fd = (reference(plus, y, 0.5) - reference(minus, y, 0.5)) / (2 * h);
            assertEquals(fd, grad[i], 1e-3, "component " + i);
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

    @Test
    void badInputsAreCleanErrors() {
        assertEquals("temperature: must be a finite number > 0, found 0.0",
                assertThrows(SelfsupException.class, () -> new InfoNceLoss(0)).getMessage());
        NDArray z = m.randomNormal(new Shape(4, 3));
        SelfsupException e = assertThrows(SelfsupException.class,
                () -> new InfoNceLoss(0.5).evaluate(new NDList(m.create(new int[] {0, 1, 0})), new NDList(z)));
        assertEquals("info_nce: shape of labels (3) must be (4) to match embeddings (4, 3)", e.getMessage());
        assertTrue(assertThrows(SelfsupException.class, () -> new InfoNceLoss(0.5)
                .evaluate(new NDList(m.create(new int[] {0})), new NDList(m.zeros(new Shape(1, 2, 3))))).getMessage()
                .contains("embeddings must be 2-D (N, D)"));
    }
}
