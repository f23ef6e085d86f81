package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Triplets {@code (anchors[k], positives[k], negatives[k])} with {@code y_a = y_p}, {@code a ≠ p} and
 * {@code y_a ≠ y_n}: three int64 arrays of row indices into the batch, on its device.
 *
 * @param anchors {@code (T,)}
 * @param positives {@code (T,)}
 * @param negatives {@code (T,)}
 */
public record TripletIndices(NDArray anchors, NDArray positives, NDArray negatives) implements MinedTuples {
    /**
     * The distinct pairs {@code (a, p)} (positive) and {@code (a, n)} (negative) of these triplets.
     *
     * @return the pairs
     */
    @Override
    public PairIndices pairs() {
        long[] a = anchors.toLongArray();
        long[] p = positives.toLongArray();
        long[] n = negatives.toLongArray();
        Set<List<Long>> pos = new LinkedHashSet<>();
        Set<List<Long>> neg = new LinkedHashSet<>();
        for (int k = 0; k < a.length; k++) {
            pos.add(List.of(a[k], p[k]));
            neg.add(List.of(a[k], n[k]));
        }
        List<long[]> pr = new ArrayList<>();
        pos.forEach(x -> pr.add(new long[] {x.get(0), x.get(1)}));
        List<long[]> nr = new ArrayList<>();
        neg.forEach(x -> nr.add(new long[] {x.get(0), x.get(1)}));
        var m = anchors.getManager();
        return new PairIndices(PairIndices.column(m, pr, 0), PairIndices.column(m, pr, 1),
                PairIndices.column(m, nr, 0), PairIndices.column(m, nr, 1));
    }

    @Override
    public TripletIndices triplets() {
        return this;
    }

    @Override
    public long size() {
        return anchors.size();
    }
}
