package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positive pairs {@code (posAnchors[k], positives[k])} and negative pairs
 * {@code (negAnchors[k], negatives[k])}: four int64 arrays of row indices into the batch, on its
 * device. Pairs are ordered ({@code (i, j)} and {@code (j, i)} may both appear).
 *
 * @param posAnchors {@code (P,)}
 * @param positives {@code (P,)}
 * @param negAnchors {@code (Q,)}
 * @param negatives {@code (Q,)}
 */
public record PairIndices(NDArray posAnchors, NDArray positives, NDArray negAnchors, NDArray negatives)
        implements MinedTuples {
    @Override
    public PairIndices pairs() {
        return this;
    }

    /**
     * Every {@code (a, p, n)} with {@code (a, p)} a positive pair and {@code (a, n)} a negative pair.
     *
     * @return the triplets
     */
    @Override
    public TripletIndices triplets() {
        long[] pa = posAnchors.toLongArray();
        long[] pp = positives.toLongArray();
        long[] na = negAnchors.toLongArray();
        long[] nn = negatives.toLongArray();
        Map<Long, List<Long>> negOf = new LinkedHashMap<>();
        for (int k = 0; k < na.length; k++) {
            negOf.computeIfAbsent(na[k], x -> new ArrayList<>()).add(nn[k]);
        }
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < pa.length; k++) {
            for (long n : negOf.getOrDefault(pa[k], List.of())) {
                out.add(new long[] {pa[k], pp[k], n});
            }
        }
        NDManager m = posAnchors.getManager();
        return new TripletIndices(column(m, out, 0), column(m, out, 1), column(m, out, 2));
    }

    @Override
    public long size() {
        return posAnchors.size() + negAnchors.size();
    }

    static NDArray column(NDManager m, List<long[]> rows, int c) {
        long[] v = new long[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[c];
        }
        return m.create(v);
    }
}
