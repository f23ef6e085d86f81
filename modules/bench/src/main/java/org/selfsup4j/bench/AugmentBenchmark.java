package org.selfsup4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.selfsup4j.augment.LocalCrops;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.augment.RandomResizedCrop;
import org.selfsup4j.augment.HorizontalFlip;
import org.selfsup4j.augment.GaussianNoise;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.ImageSet;

/**
 * Benchmark of the augmentation pipelines on real Fashion-MNIST batches: views per second and
 * milliseconds per batch of 256 images (all views), for the {@code grayscale} preset (the Fashion-MNIST
 * SimCLR pipeline), the quickstart's crop + flip + noise, the {@code simclr} preset on one channel and
 * the grayscale preset with 4 small crops. Each batch is uploaded from host memory and augmented in its
 * own manager scope; the cell is the median of 7 rounds of 10 batches, after 5 warm-up batches of
 * every pipeline. Run by
 * {@code eval/bench-augment.sh}; prints a Markdown table.
 */
public final class AugmentBenchmark {
    private static final int BATCH = 256;
    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 10;

    private AugmentBenchmark() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        ImageSet train = DataSpec.defaults().load().train();
        List<String> names = List.of("grayscale preset (Fashion-MNIST SimCLR)", "quickstart: crop + flip + noise",
                "simclr preset (1 channel)", "grayscale preset + 4 local crops 12²");
        List<ViewsSpec> specs = List.of(ViewsSpec.preset("grayscale"),
                new ViewsSpec(2, List.of(new RandomResizedCrop(0.2, 1.0, 0.75, 4.0 / 3), HorizontalFlip.defaults(),
                        GaussianNoise.defaults())),
                ViewsSpec.preset("simclr"),
                new ViewsSpec("grayscale", 0, List.of(), List.of(), LocalCrops.defaults()));
        StringBuilder out = new StringBuilder();
        out.append("| pipeline | views per image | views/s | ms per batch of 256 |\n|---|---:|---:|---:|\n");
        float[] buf = new float[BATCH * train.imageSize()];
        int[] idx = new int[BATCH];
        SeedTree seeds = new SeedTree(0);
        try (NDManager root = NDManager.newBaseManager()) {
            long step = 0;
            for (ViewsSpec spec : specs) {   // warm every pipeline up first: the first calls allocate
                for (int w = 0; w < 5; w++) {
                    run(root, train, spec.build(), seeds, step++, buf, idx);
                }
            }
            for (int c = 0; c < specs.size(); c++) {
                MultiView views = specs.get(c).build();
                double[] ms = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    long t0 = System.nanoTime();
                    for (int b = 0; b < PER_ROUND; b++) {
                        run(root, train, views, seeds, step++, buf, idx);
                    }
                    ms[r] = (System.nanoTime() - t0) * 1e-6 / PER_ROUND;
                }
                Arrays.sort(ms);
                double median = ms[ROUNDS / 2];
                out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.1f |%n", names.get(c), views.views(),
                        BATCH * views.views() / (median * 1e-3), median));
            }
        }
        System.out.print(out);
    }

    private static void run(NDManager root, ImageSet train, MultiView views, SeedTree seeds, long step, float[] buf,
            int[] idx) {
        for (int i = 0; i < BATCH; i++) {
            idx[i] = (int) ((step * BATCH + i) % train.size());
        }
        train.fill(idx, buf);
        try (NDManager scope = root.newSubManager()) {
            NDArray x = scope.create(buf, new Shape(BATCH, train.channels(), train.height(), train.width()));
            NDList v = views.apply(x, seeds, step);
            List<float[]> sink = new ArrayList<>();
            // force evaluation of every view (PyTorch runs eagerly; reading one value is enough)
            for (NDArray a : v) {
                sink.add(new float[] {a.get(0, 0, 0, 0).getFloat()});
            }
        }
    }
}
