package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.SeedTree;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
    /** Gaussian blobs around well-separated class centres: linearly separable with a wide margin. */
    static Features blobs(int n, int dim, int classes, double spread, long seed) {
        Random r = new Random(seed);
        Random centres = new Random(99);
        double[][] mu = new double[classes][dim];
        for (double[] c : mu) {
            for (int j = 0; j < dim; j++) {
                c[j] = centres.nextGaussian() * 5;
            }
        }
        float[] v = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = (float) (mu[y[i]][j] + spread * r.nextGaussian());
            }
        }
        return new Features(v, n, dim, y, classes);
    }

    @Test
    void separableDataIsClassifiedPerfectly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Features train = blobs(2000, 16, 5, 0.5, 1);
            Features test = blobs(500, 16, 5, 0.5, 2);
            LinearProbe.Result r = LinearProbe.run(train, test, LinearProbeSpec.defaults(), new SeedTree(1), m);
            assertEquals(1.0, r.top1());
            assertEquals(1.0, r.top5());
            assertEquals(5, r.validationTop1().size());
        }
    }

    @Test
    void overlappingClassesGetTheBayesRateOfTwoGaussians() {
        // Two 1-D Gaussians N(±1, 1): the best linear rule (threshold 0) is right with probability Φ(1) ≈ 0.8413.
        Random r = new Random(4);
        int n = 20000;
        float[] v = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            v[i] = (float) ((y[i] == 0 ? -1 : 1) + r.nextGaussian());
        }
        Features all = new Features(v, n, 1, y, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            LinearProbe.Result res = LinearProbe.run(all, all, new LinearProbeSpec(0.1, List.of(1e-4), 300, true),
                    new SeedTree(2), m);
            assertEquals(0.8413, res.top1(), 0.01);
        }
    }

    @Test
    void theSameInputGivesTheSameProbe() {
        try (NDManager m = NDManager.newBaseManager()) {
            Features train = blobs(600, 8, 3, 4.0, 5);
            Features test = blobs(300, 8, 3, 4.0, 6);
            LinearProbe.Result a = LinearProbe.run(train, test, LinearProbeSpec.defaults(), new SeedTree(3), m);
            LinearProbe.Result b = LinearProbe.run(train, test, LinearProbeSpec.defaults(), new SeedTree(3), m);
            assertEquals(a, b);
            assertTrue(a.top1() > 0.5);
        }
    }

    @Test
    void perClassTopOneIsEachClassRecall() {
        List<Double> per = LinearProbe.perClass(new int[] {0, 1, 1, 2, 0}, new int[] {0, 1, 2, 2, 1}, 4);
        assertEquals(1.0, per.get(0));
        assertEquals(0.5, per.get(1));
        assertEquals(0.5, per.get(2));
        assertTrue(per.get(3).isNaN());
    }
}
