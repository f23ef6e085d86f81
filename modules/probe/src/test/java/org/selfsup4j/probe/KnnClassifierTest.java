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
        return reference(train, test, k, t, false);
    }

    /**
     * Brute force of both votes; majority: counts, ties to the larger similarity sum, then the lower
     * class.
     */
    static int[] reference(Features train, Features test, int k, double t, boolean majority) {
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
            int[] counts = new int[train.numClasses()];
            double[] simSums = new double[train.numClasses()];
            for (int j = 0; j < Math.min(k, train.n()); j++) {
                int c = train.labels()[order[j]];
                votes[c] += Math.exp(sims[order[j]] / t);
                counts[c]++;
                simSums[c] += sims[order[j]];
            }
            int best = 0;
            for (int c = 1; c < votes.length; c++) {
                boolean better = majority
                        ? counts[c] > counts[best] || counts[c] == counts[best] && simSums[c] > simSums[best]
                        : votes[c] > votes[best];
                if (better) {
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
                int[] got = KnnClassifier.predict(train, test, KnnSpec.weighted(k, 0.1), m);
                assertArrayEquals(reference(train, test, k, 0.1), got, "k=" + k);
            }
        }
    }

    @Test
    void majorityVoteEqualsBruteForce() {
        Features train = LinearProbeTest.blobs(1200, 5, 4, 3.0, 3);
        Features test = LinearProbeTest.blobs(900, 5, 4, 3.0, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {1, 4, 20}) {
                int[] got = KnnClassifier.predict(train, test, new KnnSpec(k, 0.1, "majority"), m);
                assertArrayEquals(reference(train, test, k, 0.1, true), got, "k=" + k);
            }
        }
    }

    @Test
    void aMajorityTieGoesToTheCloserClass() {
        // query at (1, 0); class 0 at angles ±60° (s = 0.5 each), class 1 at ±30° and 180° (two votes + one far).
        // k = 4: class 0 has 2 votes (s sum 1.0), class 1 has 2 votes (0.866 + 0.866 = 1.73): class 1 wins.
        double c30 = Math.cos(Math.PI / 6);
        double s30 = Math.sin(Math.PI / 6);
        double c60 = Math.cos(Math.PI / 3);
        double s60 = Math.sin(Math.PI / 3);
        Features train = new Features(new float[] {(float) c60, (float) s60, (float) c60, (float) -s60, (float) c30,
            (float) s30, (float) c30, (float) -s30, -1, 0}, 5, 2, new int[] {0, 0, 1, 1, 0}, 2);
        Features query = new Features(new float[] {1, 0}, 1, 2, new int[] {1}, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new int[] {1}, KnnClassifier.predict(train, query, new KnnSpec(4, 0.1, "majority"), m));
            // k = 5 adds the far class-0 point: 3 votes to 2, class 0 wins despite its lower similarities
            assertArrayEquals(new int[] {0}, KnnClassifier.predict(train, query, new KnnSpec(5, 0.1, "majority"), m));
        }
    }

    @Test
    void kLargerThanTheTrainingSetUsesAllPoints() {
        Features train = LinearProbeTest.blobs(30, 3, 3, 0.1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            int[] got = KnnClassifier.predict(train, train, KnnSpec.weighted(500, 0.1), m);
            assertEquals(1.0, LinearProbe.accuracy(got, train.labels()));
        }
    }
}
