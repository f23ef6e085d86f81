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

    @Test
    void aHandExampleGivesItsRecallAndMapAtR() {
        // angles 0°, 10°, 90°, 100° with labels a, b, a, b: every item's nearest other item has the other label
        float[] v = new float[8];
        double[] deg = {0, 10, 90, 100};
        for (int i = 0; i < 4; i++) {
            v[2 * i] = (float) Math.cos(Math.toRadians(deg[i]));
            v[2 * i + 1] = (float) Math.sin(Math.toRadians(deg[i]));
        }
        EmbeddingMetrics.Result r = EmbeddingMetrics.evaluate(new Features(v, 4, 2, new int[] {0, 1, 0, 1}, 2), m);
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
        EmbeddingMetrics.Result r = EmbeddingMetrics.evaluate(new Features(v, n, d, labels, 4), m);
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
        EmbeddingMetrics.Result r = EmbeddingMetrics.evaluate(new Features(v, n, d, new int[n], 1), m);
        assertEquals(3, r.effectiveRank(), 1e-9);
        // unit rows: dimension k holds +1, −1 and four 0s, std sqrt(2/6); dimensions 4 and 5 are 0
        assertEquals(3 * Math.sqrt(2.0 / 6) / 5, r.meanDimStd(), 1e-6);
        // every row the same: collapse, std 0 and effective rank 0 (no spread at all)
        float[] same = new float[4 * 3];
        for (int i = 0; i < 4; i++) {
            same[i * 3] = 1;
        }
        EmbeddingMetrics.Result c = EmbeddingMetrics.evaluate(new Features(same, 4, 3, new int[4], 1), m);
        assertEquals(0, c.meanDimStd(), 1e-9);
        assertEquals(0, c.effectiveRank(), 1e-9);
    }
}
