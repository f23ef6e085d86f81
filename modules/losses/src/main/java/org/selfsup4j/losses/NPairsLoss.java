package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.Scalars;

/**
 * Multi-class N-pair loss (Sohn, "Improved Deep Metric Learning with Multi-class N-pair Loss
 * Objective", NeurIPS 2016). For N pairs {@code (a_i, p_i)} from N distinct classes, with logits
 * {@code l_ij = −δ(a_i, p_j)} (for the default dot product {@code l_ij = a_i·p_j}):
 * <pre>
 *   ℓ_i = log(1 + Σ_{j≠i} exp(l_ij − l_ii)) = −log softmax_j(l_i·)_i
 * </pre>
 * i.e. cross-entropy over {@code a·pᵀ} with target i.
 *
 * <p>Pairs are formed from the labels: the k-th and (k+1)-th occurrence of each class (k even) form
 * a pair, and the k-th pairs of all classes form one N-pair tuple. A batch with each class exactly
 * twice is Sohn's setting (one tuple); an M-per-class batch yields M/2 tuples that are averaged, so
 * large batches are not wasted. Tuples with fewer than two classes have no negative and are skipped;
 * with none left the loss is a connected 0. Inputs: {@code predictions = [z (N, D)]},
 * {@code labels = [y (N,)]} class ids. Loss = mean of {@code ℓ_i} over all anchors of all tuples.
 */
public final class NPairsLoss extends Loss {
    private final Distance distance;

    /**
     * @param distance the distance (default {@link Distances#DOT})
     */
    public NPairsLoss(Distance distance) {
        super("npairs");
        this.distance = distance;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check("npairs", z, y);
        long[] ys = y.toType(DataType.INT64, false).toLongArray();
        Map<Long, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < ys.length; i++) {
            rows.computeIfAbsent(ys[i], k -> new ArrayList<>()).add(i);
        }
        NDManager m = z.getManager();
        NDArray total = null;
        long anchors = 0;
        for (int k = 0;; k++) {
            List<Long> a = new ArrayList<>();
            List<Long> p = new ArrayList<>();
            for (List<Integer> r : rows.values()) {
                if (r.size() >= 2 * k + 2) {
                    a.add((long) r.get(2 * k));
                    p.add((long) r.get(2 * k + 1));
                }
            }
            if (a.isEmpty()) {
                break;
            }
            if (a.size() < 2) {
                continue;
            }
            NDArray za = z.get(m.create(a.stream().mapToLong(Long::longValue).toArray()));
            NDArray zp = z.get(m.create(p.stream().mapToLong(Long::longValue).toArray()));
            NDArray logits = distance.dissimilarity(distance.matrix(za, zp)).neg();
            NDArray logp = logits.logSoftmax(1);
            NDArray eye = m.eye(a.size()).toDevice(z.getDevice(), false);
            NDArray sum = logp.mul(eye).sum().neg();
            total = total == null ? sum : total.add(sum);
            anchors += a.size();
        }
        return total == null ? LabelMasks.zero(z) : Scalars.div(total, anchors);
    }
}
