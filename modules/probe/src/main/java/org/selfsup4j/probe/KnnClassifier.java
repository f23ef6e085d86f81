package org.selfsup4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.StopSignal;
import org.selfsup4j.encoders.L2Normalize;

/**
 * kNN classifier on cosine similarity: features are L2-normalised; for a query q the k most similar
 * training points {@code n_j} (similarity {@code s_j = q·n_j}) vote for their class. Weighted (Wu et al.,
 * CVPR 2018; the solo-learn protocol): each votes {@code exp(s_j / T)}, the largest total wins. Majority:
 * each votes 1; the score {@code count + Σ s_j / (2k + 1)} breaks ties by the larger sum of similarities
 * (the added term lies in (−½, ½), so it never overturns a count). Exact: similarities to every training
 * point are computed, 1,024 queries at a time (10,000 × 60,000 × 128 in about 2 s on 2 cores).
 */
public final class KnnClassifier {
    private static final int CHUNK = 1024;

    private KnnClassifier() {}

    /**
     * @param train the reference features and labels
     * @param test the queries
     * @param spec k and T
     * @param manager a manager on the device to compute on
     * @return the predicted class of each test row
     */
    public static int[] predict(Features train, Features test, KnnSpec spec, NDManager manager) {
        int k = Math.min(spec.k(), train.n());
        int[] predictions = new int[test.n()];
        try (NDManager scope = manager.newSubManager()) {
            NDArray ref = L2Normalize.apply(ArrayIO.upload(scope, train.values(), new Shape(train.n(), train.dim())));
            NDArray refLabels = scope.create(train.labels());
            for (int start = 0; start < test.n(); start += CHUNK) {
                StopSignal.check();
                int len = Math.min(CHUNK, test.n() - start);
                try (NDManager chunk = scope.newSubManager()) {
                    float[] rows = java.util.Arrays.copyOfRange(test.values(), start * test.dim(), (start + len) * test.dim());
                    NDArray q = L2Normalize.apply(chunk.create(rows, new Shape(len, test.dim())));
                    NDList top = q.matMul(ref.transpose()).topK(k, 1, true, false);
                    NDArray sims = top.get(0);
                    NDArray neighbourLabels = refLabels.take(chunk, top.get(1).toType(DataType.INT64, false));
                    NDArray oneHot = neighbourLabels.oneHot(train.numClasses());
                    NDArray votes;
                    if (spec.vote().equals("majority")) {
                        votes = oneHot.sum(new int[] {1}).add(oneHot.mul(sims.expandDims(2)).sum(new int[] {1})
                                .div((float) (2 * k + 1)));
                    } else {
                        votes = oneHot.mul(sims.div((float) spec.temperature()).exp().expandDims(2)).sum(new int[] {1});
                    }
                    int[] pred = votes.argMax(1).toType(DataType.INT32, false).toIntArray();
                    System.arraycopy(pred, 0, predictions, start, len);
                }
            }
        }
        return predictions;
    }
}
