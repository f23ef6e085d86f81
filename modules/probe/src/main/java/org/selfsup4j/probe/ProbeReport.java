package org.selfsup4j.probe;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SeedTree;

/**
 * Runs the linear probe and the weighted kNN on frozen train/test features and holds their figures,
 * in the shape of {@code probe.json}:
 * {@code {"linear_probe":{"top1",…},"knn":{"top1","k","temperature"},"features":{…}}}.
 *
 * @param linear the linear-probe result
 * @param knnTop1 kNN test top-1
 * @param knn the kNN settings
 * @param trainCount training features
 * @param testCount test features
 * @param dim feature dimension
 * @param seconds wall time of the evaluation
 * @param hashing semantic-hashing figures, or {@code null} when {@code eval.hashing} is absent
 * @param metrics retrieval, clustering, alignment/uniformity and collapse figures of the test features
 *     ({@link EmbeddingMetrics})
 * @param timings seconds spent in the linear probe, the kNN and the metrics
 */
public record ProbeReport(LinearProbe.Result linear, double knnTop1, KnnSpec knn, int trainCount, int testCount,
        int dim, double seconds, HammingRetrieval.Result hashing, EmbeddingMetrics.Result metrics,
        Map<String, Double> timings) {

    /**
     * @param train training features
     * @param test test features
     * @param views features of two augmented views of (a subset of) the test images, row i of each a
     *     positive pair, for the alignment; or {@code null}
     * @param spec the settings
     * @param seeds seeds (validation split {@code probe/split}, k-means seeding {@code probe/kmeans})
     * @param manager where to compute
     * @return the report
     */
    public static ProbeReport evaluate(Features train, Features test, Features[] views, ProbeSpec spec, SeedTree seeds,
            NDManager manager) {
        long t0 = System.nanoTime();
        LinearProbe.Result linear = LinearProbe.run(train, test, spec.linearProbe(), seeds, manager);
        long t1 = System.nanoTime();
        int[] knnPred = KnnClassifier.predict(train, test, spec.knn(), manager);
        double knnTop1 = LinearProbe.accuracy(knnPred, test.labels());
        long t2 = System.nanoTime();
        HammingRetrieval.Result hashing = spec.hashing() == null ? null : HammingRetrieval.evaluate(train, test, spec.hashing());
        EmbeddingMetrics.Result metrics = EmbeddingMetrics.evaluate(test, views, seeds.stream("probe/kmeans"), manager);
        long t3 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("linear_probe", round((t1 - t0) * 1e-9));
        timings.put("knn", round((t2 - t1) * 1e-9));
        timings.put("metrics", round((t3 - t2) * 1e-9));
        return new ProbeReport(linear, knnTop1, spec.knn(), train.n(), test.n(), train.dim(), (t3 - t0) * 1e-9, hashing,
                metrics, timings);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /**
     * {@link #toJson()} with the dataset's class names: {@code class_names}, and the per-class top-1 keyed
     * by name.
     *
     * @param classNames the name of each label
     * @return the fields of {@code probe.json}
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toJson(List<String> classNames) {
        Map<String, Object> m = toJson();
        Map<String, Object> byName = new LinkedHashMap<>();
        List<Double> per = linear.perClassTop1();
        for (int c = 0; c < per.size() && c < classNames.size(); c++) {
            byName.put(classNames.get(c), per.get(c).isNaN() ? null : per.get(c));
        }
        ((Map<String, Object>) m.get("linear_probe")).put("per_class_top1", byName);
        m.put("class_names", classNames);
        return m;
    }

    /** @return the {@code probe.json} content */
    public Map<String, Object> toJson() {
        Map<String, Object> lp = new LinkedHashMap<>();
        lp.put("top1", linear.top1());
        lp.put("top5", linear.top5());
        lp.put("l2", linear.l2());
        Map<String, Double> val = new LinkedHashMap<>();
        linear.validationTop1().forEach((k, v) -> val.put(String.valueOf(k), v));
        lp.put("validation_top1", val);
        lp.put("per_class_top1", linear.perClassTop1().stream().map(v -> v.isNaN() ? null : v).toList());
        Map<String, Object> kn = new LinkedHashMap<>();
        kn.put("top1", knnTop1);
        kn.put("k", knn.k());
        kn.put("temperature", knn.temperature());
        kn.put("vote", knn.vote());
        Map<String, Object> feats = new LinkedHashMap<>();
        feats.put("train", trainCount);
        feats.put("test", testCount);
        feats.put("dim", dim);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("linear_probe", lp);
        m.put("knn", kn);
        m.put("features", feats);
        m.put("metrics", metrics.toJson());
        if (hashing != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("bits", hashing.bits());
            h.put("threshold", hashing.threshold());
            h.put("precision_at_k", hashing.precisionAtK());
            h.put("k", hashing.k());
            h.put("map", hashing.meanAveragePrecision());
            m.put("hashing", h);
        }
        m.put("seconds", round(seconds));
        m.put("timings", timings);
        return m;
    }

    /** @return the closing line {@code linear_probe_top1=<x> knn_top1=<y>} */
    public String summaryLine() {
        return String.format(Locale.ROOT, "linear_probe_top1=%.4f knn_top1=%.4f", linear.top1(), knnTop1);
    }
}
