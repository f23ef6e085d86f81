package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Semantic-hashing retrieval against a sort-based brute force and a hand-computed ranking. */
class HammingRetrievalTest {
    private static Features codes(float[] values, int n, int dim, int[] labels) {
        return new Features(values, n, dim, labels, 3);
    }

    @Test
    void aHandRankingGivesItsPrecisionAndAveragePrecision() {
        // database bits (dim 2, threshold 0.5): 00 (label 0), 01 (1), 11 (0), 00 (0); query 00 with label 0
        Features db = codes(new float[] {0, 0, 0, 1, 1, 1, 0, 0}, 4, 2, new int[] {0, 1, 0, 0});
        Features q = codes(new float[] {0, 0}, 1, 2, new int[] {0});
        HammingRetrieval.Result r = HammingRetrieval.evaluate(db, q, new HashingSpec("half", 2));
        // ranking by (distance, index): item 0 (d 0, rel), item 3 (d 0, rel), item 1 (d 1), item 2 (d 2, rel)
        assertEquals(1.0, r.precisionAtK(), 1e-12);
        assertEquals((1.0 / 1 + 2.0 / 2 + 3.0 / 4) / 3, r.meanAveragePrecision(), 1e-12);
        assertEquals(2, r.bits());
    }

    @Test
    void bucketRankingEqualsASortedBruteForce() {
        Random rnd = new Random(3);
        int n = 400;
        int nq = 50;
        int dim = 70; // two words
        float[] dbv = new float[n * dim];
        float[] qv = new float[nq * dim];
        int[] dbl = new int[n];
        int[] ql = new int[nq];
        for (int i = 0; i < dbv.length; i++) {
            dbv[i] = rnd.nextFloat();
        }
        for (int i = 0; i < qv.length; i++) {
            qv[i] = rnd.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            dbl[i] = rnd.nextInt(3);
        }
        for (int i = 0; i < nq; i++) {
            ql[i] = rnd.nextInt(3);
        }
        Features db = codes(dbv, n, dim, dbl);
        Features q = codes(qv, nq, dim, ql);
        for (String rule : new String[] {"median", "half"}) {
            HammingRetrieval.Result r = HammingRetrieval.evaluate(db, q, new HashingSpec(rule, 25));
            float[] t = new float[dim];
            for (int c = 0; c < dim; c++) {
                final int col = c;
                double[] column = IntStream.range(0, n).mapToDouble(i -> dbv[i * dim + col]).sorted().toArray();
                t[c] = rule.equals("half") ? 0.5f : (float) column[(n - 1) / 2];
            }
            double precision = 0;
            double map = 0;
            for (int i = 0; i < nq; i++) {
                int[] dist = new int[n];
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < dim; c++) {
                        dist[j] += (qv[i * dim + c] > t[c]) != (dbv[j * dim + c] > t[c]) ? 1 : 0;
                    }
                }
                Integer[] order = IntStream.range(0, n).boxed()
                        .sorted(Comparator.<Integer>comparingInt(j -> dist[j]).thenComparingInt(j -> j)).toArray(Integer[]::new);
                int hits = 0;
                double ap = 0;
                int rel = 0;
                for (int r0 = 0; r0 < n; r0++) {
                    if (dbl[order[r0]] == ql[i]) {
                        rel++;
                        ap += (double) rel / (r0 + 1);
                        if (r0 < 25) {
                            hits++;
                        }
                    }
                }
                precision += hits / 25.0;
                map += rel == 0 ? 0 : ap / rel;
            }
            assertEquals(precision / nq, r.precisionAtK(), 1e-12, rule);
            assertEquals(map / nq, r.meanAveragePrecision(), 1e-12, rule);
        }
    }

    @Test
    void medianThresholdsBalanceEachBit() {
        float[] v = {5, -1, 2, 0, 9, 3, 1, 7, 4, 8};
        Features f = codes(v, 5, 2, new int[5]);
        float[] t = HammingRetrieval.thresholds(f, "median");
        assertArrayEquals(new float[] {4, 3}, t); // column 0: 5 2 9 1 4 → 4; column 1: −1 0 3 7 8 → 3
        long[][] bits = HammingRetrieval.pack(f, t);
        assertEquals(2, Arrays.stream(bits).filter(w -> (w[0] & 1) != 0).count());
    }
}
