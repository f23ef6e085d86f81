package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retrieval figures against a hand example and a sorted brute force; collapse indicators against closed forms. */
class EmbeddingMetricsTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private EmbeddingMetrics.Result eval(Features f) {
        return EmbeddingMetrics.evaluate(f, null, new java.util.SplittableRandom(0), m);
    }

    @Test
    void alignmentIsTheMeanSquaredDistanceOfNormalisedPairs() {
        // pair 1: (1,0) vs (0,1), distance² 2; pair 2: (0,1) vs (0,2) -> (0,1), distance² 0; mean 1
        Features a = new Features(new float[] {1, 0, 0, 1}, 2, 2, new int[] {0, 1}, 2);
        Features b = new Features(new float[] {0, 1, 0, 2}, 2, 2, new int[] {0, 1}, 2);
        assertEquals(1.0, EmbeddingMetrics.alignment(a, b, m), 1e-7);
        assertEquals(0.0, EmbeddingMetrics.alignment(a, a, m), 1e-7);
    }

    @Test
    void uniformityOfThreeHandPointsAndOfACollapse() {
        // unit points at 0°, 90°, 180° (scaled): distances² 2, 4, 2 -> log((e^-4 + e^-8 + e^-4) / 3)
        Features f = new Features(new float[] {3, 0, 0, 0.5f, -2, 0}, 3, 2, new int[] {0, 1, 2}, 3);
        double expected = Math.log((2 * Math.exp(-4) + Math.exp(-8)) / 3);
        assertEquals(expected, eval(f).uniformity(), 1e-6);
        Features same = new Features(new float[] {1, 1, 2, 2, 3, 3}, 3, 2, new int[] {0, 1, 2}, 3);
        assertEquals(0.0, eval(same).uniformity(), 1e-6);
    }

    @Test
    void uniformityEqualsAPairwiseBruteForce() {
        Random r = new Random(5);
        int n = 300;
        int d = 7;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double d2 = 0;
                    double ni = Math.sqrt(dot(v, i, v, i, d));
                    double nj = Math.sqrt(dot(v, j, v, j, d));
                    for (int k = 0; k < d; k++) {
                        double diff = v[i * d + k] / ni - v[j * d + k] / nj;
                        d2 += diff * diff;
                    }
                    sum += Math.exp(-2 * d2);
                }
            }
        }
        assertEquals(Math.log(sum / (n * (n - 1.0))), eval(new Features(v, n, d, new int[n], 1)).uniformity(), 1e-5);
    }

    private static double dot(float[] a, int i, float[] b, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += (double) a[i * d + k] * b[j * d + k];
        }
        return s;
    }

    @Test
    void aHandExampleGivesItsRecallAndMapAtR() {
        // angles 0°, 10°, 90°, 100° with labels a, b, a, b: every item's nearest other item has the other label
        float[] v = new float[8];
        double[] deg = {0, 10, 90, 100};
        for (int i = 0; i < 4; i++) {
            v[2 * i] = (float) Math.cos(Math.toRadians(deg[i]));
            v[2 * i + 1] = (float) Math.sin(Math.toRadians(deg[i]));
        }
        EmbeddingMetrics.Result r = eval(new Features(v, 4, 2, new int[] {0, 1, 0, 1}, 2));
        // every item's nearest other item has the other label; R = 1, so AP@R = 0 for all
        assertEquals(0, r.recallAt1(), 1e-12);
        assertEquals(1, r.recallAt10(), 1e-12);
        assertEquals(0, r.mapAtR(), 1e-12);
    }

    @Test
    void retrievalEqualsASortedBruteForce() {
        Random rnd = new Random(2);
        int n = 300;
        int d = 6;
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(4);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (rnd.nextGaussian() + (j == labels[i] ? 1.5 : 0));
            }
        }
        EmbeddingMetrics.Result r = eval(new Features(v, n, d, labels, 4));
        double[][] u = new double[n][d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) v[i * d + j] * v[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                u[i][j] = v[i * d + j] / Math.sqrt(norm);
            }
        }
        double r1 = 0;
        double r10 = 0;
        double map = 0;
        for (int q = 0; q < n; q++) {
            final int query = q;
            Integer[] order = IntStream.range(0, n).filter(i -> i != query).boxed()
                    .sorted(Comparator.comparingDouble(i -> -dot(u[query], u[i]))).toArray(Integer[]::new);
            int rel = (int) IntStream.range(0, n).filter(i -> i != query && labels[i] == labels[query]).count();
            r1 += labels[order[0]] == labels[q] ? 1 : 0;
            boolean any = false;
            for (int k = 0; k < 10; k++) {
                any |= labels[order[k]] == labels[q];
            }
            r10 += any ? 1 : 0;
            int hits = 0;
            double ap = 0;
            for (int k = 0; k < rel; k++) {
                if (labels[order[k]] == labels[q]) {
                    hits++;
                    ap += (double) hits / (k + 1);
                }
            }
            map += ap / rel;
        }
        assertEquals(r1 / n, r.recallAt1(), 1e-12);
        assertEquals(r10 / n, r.recallAt10(), 1e-12);
        assertEquals(map / n, r.mapAtR(), 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void collapseIndicatorsHaveTheirClosedForms() {
        // ±e1, ±e2, ±e3 in 5 dimensions: three equal singular values, so effective rank 3
        int n = 6;
        int d = 5;
        float[] v = new float[n * d];
        for (int k = 0; k < 3; k++) {
            v[(2 * k) * d + k] = 2;
            v[(2 * k + 1) * d + k] = -2;
        }
        EmbeddingMetrics.Result r = eval(new Features(v, n, d, new int[n], 1));
        assertEquals(3, r.effectiveRank(), 1e-9);
        // unit rows: dimension k holds +1, −1 and four 0s, std sqrt(2/6); dimensions 4 and 5 are 0
        assertEquals(3 * Math.sqrt(2.0 / 6) / 5, r.meanDimStd(), 1e-6);
        // every row the same: collapse, std 0 and effective rank 0 (no spread at all)
        float[] same = new float[4 * 3];
        for (int i = 0; i < 4; i++) {
            same[i * 3] = 1;
        }
        EmbeddingMetrics.Result c = eval(new Features(same, 4, 3, new int[4], 1));
        assertEquals(0, c.meanDimStd(), 1e-9);
        assertEquals(0, c.effectiveRank(), 1e-9);
    }
}
