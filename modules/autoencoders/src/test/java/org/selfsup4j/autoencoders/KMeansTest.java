package org.selfsup4j.autoencoders;

import org.selfsup4j.stats.KMeans;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.junit.jupiter.api.Test;

/** k-means: a non-increasing objective, a brute-force fixed point, deterministic seeding, the encoder's codes. */
class KMeansTest extends ManagedTest {
    private static float[] blobs(int n, int d, int centres, long seed) {
        Random r = new Random(seed);
        double[][] c = new double[centres][d];
        for (double[] row : c) {
            for (int i = 0; i < d; i++) {
                row[i] = 3 * r.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        for (int p = 0; p < n; p++) {
            int k = r.nextInt(centres);
            for (int i = 0; i < d; i++) {
                x[p * d + i] = (float) (c[k][i] + 1.5 * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void theObjectiveNeverIncreasesAndTheFitIsALloydFixedPoint() {
        int n = 3000;
        int d = 6;
        int k = 12;
        float[] x = blobs(n, d, 8, 1);
        KMeans.Result r = KMeans.fit(m.create(x, new Shape(n, d)), k, 200, 0, new SplittableRandom(4), (j, it) -> {});
        List<Double> obj = r.objectives();
        assertTrue(obj.size() > 3, "several iterations: " + obj.size());
        for (int t = 1; t < obj.size(); t++) {
            assertTrue(obj.get(t) <= obj.get(t - 1) * (1 + 1e-12), "J_" + t + " = " + obj.get(t) + " > J_" + (t - 1) + " = "
                    + obj.get(t - 1));
        }
        // brute force: every point's assignment is its nearest centroid, every centroid the mean of its points
        double[][] c = r.centroids();
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        double j = 0;
        for (int p = 0; p < n; p++) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int q = 0; q < k; q++) {
                double dist = 0;
                for (int i = 0; i < d; i++) {
                    double diff = x[p * d + i] - c[q][i];
                    dist += diff * diff;
                }
                if (dist < bestD) {
                    bestD = dist;
                    best = q;
                }
            }
            assertEquals(best, r.assignments()[p], "point " + p);
            j += bestD;
            counts[best]++;
            for (int i = 0; i < d; i++) {
                sums[best][i] += x[p * d + i];
            }
        }
        for (int q = 0; q < k; q++) {
            for (int i = 0; i < d; i++) {
                assertEquals(sums[q][i] / counts[q], c[q][i], 1e-9, "centroid " + q);
            }
        }
        assertEquals(obj.get(obj.size() - 1), j, 1e-9 * j, "converged: the last J is the fixed point's");
    }

    @Test
    void seedingIsDeterministicPerStream() {
        float[] x = blobs(500, 4, 5, 2);
        NDArray data = m.create(x, new Shape(500, 4));
        KMeans.Result a = KMeans.fit(data, 5, 3, 0, new SplittableRandom(7), (j, it) -> {});
        KMeans.Result b = KMeans.fit(data, 5, 3, 0, new SplittableRandom(7), (j, it) -> {});
        KMeans.Result c = KMeans.fit(data, 5, 3, 0, new SplittableRandom(8), (j, it) -> {});
        assertArrayEquals(a.centroids()[0], b.centroids()[0]);
        assertArrayEquals(a.assignments(), b.assignments());
        assertTrue(!java.util.Arrays.equals(a.assignments(), c.assignments())
                || !java.util.Arrays.equals(a.centroids()[0], c.centroids()[0]), "another stream seeds differently");
    }

    @Test
    void encoderCodesAreOneHotOrTriangleDistances() {
        Shape input = new Shape(1, 1, 1, 2);
        float[] centroids = {0, 0, 3, 0, 0, 4};
        float[] points = {0.5f, 0.5f, 3, 1};
        for (boolean triangle : new boolean[] {false, true}) {
            HypersphereNetwork net = AeTestSupport.net(m, new KMeansEncoderSpec(3, triangle ? "triangle" : "hard"), input);
            KMeansEncoder enc = (KMeansEncoder) net.encoder();
            KMeans.write(enc.centroids().getArray(), new double[][] {{0, 0}, {3, 0}, {0, 4}});
            NDArray x = m.create(points, new Shape(2, 1, 1, 2));
            float[] h = enc.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] expected = new float[6];
            for (int p = 0; p < 2; p++) {
                double[] dist = new double[3];
                double mean = 0;
                int best = 0;
                for (int q = 0; q < 3; q++) {
                    double dx = points[2 * p] - centroids[2 * q];
                    double dy = points[2 * p + 1] - centroids[2 * q + 1];
                    dist[q] = Math.sqrt(dx * dx + dy * dy);
                    mean += dist[q] / 3;
                    best = dist[q] < dist[best] ? q : best;
                }
                for (int q = 0; q < 3; q++) {
                    expected[p * 3 + q] = triangle ? (float) Math.max(0, mean - dist[q]) : q == best ? 1 : 0;
                }
            }
            assertArrayEquals(expected, h, 1e-5f, triangle ? "triangle" : "hard");
        }
    }
}
