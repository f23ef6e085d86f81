package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {
    /** Brute force, float64: normalise, sort all training points by cosine similarity, vote exp(s/T). */
    static int[] reference(Features train, Features test, int k, double t) {
        int[] out = new int[test.n()];
        for (int q = 0; q < test.n(); q++) {
            double[] sims = new double[train.n()];
            double qn = norm(test, q);
            for (int i = 0; i < train.n(); i++) {
                double s = 0;
                for (int j = 0; j < train.dim(); j++) {
                    s += test.values()[q * test.dim() + j] * train.values()[i * train.dim() + j];
                }
                sims[i] = s / (qn * norm(train, i));
            }
            Integer[] order = IntStream.range(0, train.n()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> -sims[i]));
            double[] votes = new double[train.numClasses()];
            for (int j = 0; j < Math.min(k, train.n()); j++) {
                votes[train.labels()[order[j]]] += Math.exp(sims[order[j]] / t);
            }
            int best = 0;
            for (int c = 1; c < votes.length; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            out[q] = best;
        }
        return out;
    }

    static double norm(Features f, int row) {
        double s = 0;
        for (int j = 0; j < f.dim(); j++) {
            s += f.values()[row * f.dim() + j] * f.values()[row * f.dim() + j];
        }
        return Math.sqrt(s);
    }

    @Test
    void equalsBruteForce() {
        Features train = LinearProbeTest.blobs(1500, 6, 4, 6.0, 1);
        Features test = LinearProbeTest.blobs(1300, 6, 4, 6.0, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {1, 7, 200}) {
                int[] got = KnnClassifier.predict(train, test, new KnnSpec(k, 0.1), m);
                assertArrayEquals(reference(train, test, k, 0.1), got, "k=" + k);
            }
        }
    }

    @Test
    void kLargerThanTheTrainingSetUsesAllPoints() {
        Features train = LinearProbeTest.blobs(30, 3, 3, 0.1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            int[] got = KnnClassifier.predict(train, train, new KnnSpec(500, 0.1), m);
            assertEquals(1.0, LinearProbe.accuracy(got, train.labels()));
        }
    }
}
