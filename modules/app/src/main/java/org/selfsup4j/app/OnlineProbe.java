package org.selfsup4j.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StopSignal;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.probe.FeatureExtractor;
import org.selfsup4j.probe.Features;
import org.selfsup4j.probe.KnnClassifier;
import org.selfsup4j.probe.KnnSpec;
import org.selfsup4j.probe.LinearProbe;
import org.selfsup4j.probe.LinearProbeSpec;
import org.selfsup4j.probe.OnlineProbeSpec;
import org.selfsup4j.train.MetricsLog;
import org.selfsup4j.train.TrainingListener;

/**
 * The online probe of {@link OnlineProbeSpec} as a training listener: after every epoch it extracts the
 * encoder's features of the first {@code images} labelled training images (the train split, also when
 * pretraining reads another) in inference mode (outside the
 * training step, so no gradient reaches the encoder: a stop-gradient probe), fits a linear probe with
 * the fixed λ on the fit part and scores it on the held-out part (the split is the stream
 * {@code probe/online-split}, the same every epoch), scores the weighted kNN likewise, and logs
 * {@code {"event":"online_probe","epoch":E,"step":S,"linear_top1":…,"knn_top1":…,"seconds":…}}.
 * Test images are never touched.
 */
public final class OnlineProbe implements TrainingListener {
    private final Block encoder;
    private final int dim;
    private final UnaryOperator<NDArray> input;
    private final ImageSet images;
    private final NDManager root;
    private final MetricsLog metrics;
    private final PrintStream progress;
    private final LinearProbeSpec linear;
    private final SeedTree seeds;
    private final int batchSize;

    /**
     * @param spec the settings
     * @param encoder the encoder being trained
     * @param dim its feature dimension
     * @param input the inference normalisation (identity when none)
     * @param train the training images (the first {@code spec.images()} are used)
     * @param batchSize images per forward pass
     * @param seeds the run's seeds
     * @param root the training's root manager
     * @param metrics where the events go
     * @param progress where a line per evaluation goes
     */
    public OnlineProbe(OnlineProbeSpec spec, Block encoder, int dim, UnaryOperator<NDArray> input, ImageSet train,
            int batchSize, SeedTree seeds, NDManager root, MetricsLog metrics, PrintStream progress) {
        this.encoder = encoder;
        this.dim = dim;
        this.input = input;
        this.images = train.limit(Math.min(spec.images(), train.size()));
        this.batchSize = batchSize;
        this.seeds = seeds;
        this.root = root;
        this.metrics = metrics;
        this.progress = progress;
        this.linear = new LinearProbeSpec(spec.valFraction(), List.of(spec.l2()), spec.iterations(), true);
    }

    /** Runs to its end even when a stop is requested meanwhile: a resumed run would not repeat its event. */
    @Override
    public void onEpochEnd(int epoch, long step) {
        StopSignal.deferred(() -> probe(epoch, step));
    }

    private void probe(int epoch, long step) {
        long t0 = System.nanoTime();
        double top1;
        double knnTop1;
        try (NDManager scope = root.newSubManager()) {
            Features all = FeatureExtractor.extract(encoder, dim, images, scope, batchSize, input);
            int[][] split = LinearProbe.split(all.n(), linear.valFraction(), seeds.child("online").stream("probe/split"));
            Features fit = LinearProbe.rows(all, split[0]);
            Features val = LinearProbe.rows(all, split[1]);
            LinearProbe.Model probe = LinearProbe.fit(fit, linear.l2Grid().get(0), linear, scope);
            top1 = LinearProbe.accuracy(probe.predict(val, 1, scope), val.labels());
            knnTop1 = LinearProbe.accuracy(KnnClassifier.predict(fit, val, KnnSpec.defaults(), scope), val.labels());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("epoch", epoch);
        fields.put("linear_top1", top1);
        fields.put("knn_top1", knnTop1);
        fields.put("images", images.size());
        fields.put("seconds", Math.round(seconds * 10) / 10.0);
        metrics.event("online_probe", step, fields);
        progress.printf(Locale.ROOT, "online probe after epoch %d (step %d): linear top-1 %.2f %%, kNN top-1 %.2f %% "
                + "(held-out training images, %.1f s)%n", epoch + 1, step, 100 * top1, 100 * knnTop1, seconds);
    }
}
