package org.selfsup4j.probe;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.selfsup4j.core.SelfsupException;

/**
 * Semantic-hashing retrieval: codes binarised per dimension ({@link HashingSpec#threshold}), packed into
 * 64-bit words, compared by Hamming distance (XOR and popcount). Every query ranks the whole database by
 * (distance, database index); an item is relevant when it has the query's label. Reported:
 * <ul>
 *   <li>precision@k: relevant items among the first k, over k, averaged over queries;</li>
 *   <li>mAP: the mean over queries of {@code AP = (1/R) Σ_{relevant ranks r} (relevant items in ranks 1..r)/r}
 *       over the full ranking, R the query's relevant items in the database.</li>
 * </ul>
 * Each query is one O(n) pass with per-distance buckets (exact, ties ordered by index); queries run in parallel.
 */
public final class HammingRetrieval {
    /**
     * @param bits code length
     * @param k the precision cut-off
     * @param precisionAtK mean precision@k
     * @param meanAveragePrecision mAP over the full ranking
     * @param threshold the binarisation rule
     */
    public record Result(int bits, int k, double precisionAtK, double meanAveragePrecision, String threshold) {}

    private HammingRetrieval() {}

    /**
     * @param database the database codes (the training set), whose medians set {@code median} thresholds
     * @param queries the query codes (the test set)
     * @param spec the settings
     * @return the figures
     */
    public static Result evaluate(Features database, Features queries, HashingSpec spec) {
        if (database.dim() != queries.dim()) {
            throw new SelfsupException("hashing", "query codes must have " + database.dim() + " dimensions, found "
                    + queries.dim());
        }
        float[] t = thresholds(database, spec.threshold());
        long[][] db = pack(database, t);
        long[][] q = pack(queries, t);
        double[] precision = new double[queries.n()];
        double[] ap = new double[queries.n()];
        int[] relevantTotal = new int[Math.max(database.numClasses(), maxLabel(database) + 1)];
        for (int label : database.labels()) {
            relevantTotal[label]++;
        }
        IntStream.range(0, queries.n()).parallel().forEach(i -> {
            int label = queries.labels()[i];
            double[] pr = rank(q[i], label, db, database.labels(), database.dim(), spec.k(),
                    label < relevantTotal.length ? relevantTotal[label] : 0);
            precision[i] = pr[0];
            ap[i] = pr[1];
        });
        return new Result(database.dim(), spec.k(), Arrays.stream(precision).average().orElse(0),
                Arrays.stream(ap).average().orElse(0), spec.threshold());
    }

    private static int maxLabel(Features f) {
        return Arrays.stream(f.labels()).max().orElse(0);
    }

    /** @return {precision@k, AP} of one query */
    static double[] rank(long[] query, int label, long[][] db, int[] labels, int bits, int k, int relevant) {
        int n = db.length;
        int[] dist = new int[n];
        int[] count = new int[bits + 2];
        int[] relCount = new int[bits + 2];
        for (int j = 0; j < n; j++) {
            int d = 0;
            for (int w = 0; w < query.length; w++) {
                d += Long.bitCount(query[w] ^ db[j][w]);
            }
            dist[j] = d;
            count[d + 1]++;
            if (labels[j] == label) {
                relCount[d + 1]++;
            }
        }
        for (int d = 1; d < count.length; d++) {
            count[d] += count[d - 1];
            relCount[d] += relCount[d - 1];
        }
        int[] next = Arrays.copyOf(count, bits + 1);
        int[] relSeen = Arrays.copyOf(relCount, bits + 1);
        int hits = 0;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int d = dist[j];
            int pos = next[d]++;
            if (labels[j] == label) {
                int upTo = ++relSeen[d];
                sum += (double) upTo / (pos + 1);
                if (pos < k) {
                    hits++;
                }
            }
        }
        return new double[] {(double) hits / Math.min(k, n), relevant == 0 ? 0 : sum / relevant};
    }

    /**
     * @param codes the codes whose dimensions get thresholds
     * @param rule {@code median}, {@code half} or {@code zero}
     * @return one threshold per dimension; a bit is on when the value exceeds it
     */
    static float[] thresholds(Features codes, String rule) {
        float[] t = new float[codes.dim()];
        if (!rule.equals("median")) {
            Arrays.fill(t, rule.equals("half") ? 0.5f : 0f);
            return t;
        }
        float[] column = new float[codes.n()];
        for (int c = 0; c < codes.dim(); c++) {
            for (int i = 0; i < codes.n(); i++) {
                column[i] = codes.values()[i * codes.dim() + c];
            }
            Arrays.sort(column);
            t[c] = column[(codes.n() - 1) / 2];
        }
        return t;
    }

    /** @return each row's bits ({@code value > threshold}), 64 per word */
    static long[][] pack(Features codes, float[] thresholds) {
        int words = (codes.dim() + 63) / 64;
        long[][] out = new long[codes.n()][words];
        for (int i = 0; i < codes.n(); i++) {
            for (int c = 0; c < codes.dim(); c++) {
                if (codes.values()[i * codes.dim() + c] > thresholds[c]) {
                    out[i][c >> 6] |= 1L << (c & 63);
                }
            }
        }
        return out;
    }
}
