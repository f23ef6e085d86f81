package org.selfsup4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.selfsup4j.losses.AlignmentUniformityLoss;
import org.selfsup4j.losses.AllTripletsMiner;
import org.selfsup4j.losses.BatchHardMiner;
import org.selfsup4j.losses.ContrastiveInputs;
import org.selfsup4j.losses.ContrastiveLoss;
import org.selfsup4j.losses.Distances;
import org.selfsup4j.losses.HclWeighting;
import org.selfsup4j.losses.InfoNceLoss;
import org.selfsup4j.losses.MochiMixer;
import org.selfsup4j.losses.NPairsLoss;
import org.selfsup4j.losses.SemiHardMiner;
import org.selfsup4j.losses.SupConLoss;
import org.selfsup4j.losses.TopKNegatives;
import org.selfsup4j.losses.TripletMarginLoss;
import org.selfsup4j.losses.TupleReduction;

/**
 * Benchmark of every loss: forward + backward time and peak native memory on random unit embeddings
 * {@code (B, 128)} for B rows from 256 to 4,096. Self-supervised losses get instance ids of two views
 * ({@code B/2} instances), supervised ones 10 balanced classes. Each cell is the median of 5 timed
 * iterations after 1 warm-up, each iteration in its own manager scope; the peak is the process's
 * resident-set high-water mark (reset through {@code /proc/self/clear_refs} before each cell) minus
 * the resident set before it. Run by {@code eval/bench-losses.sh}; prints a Markdown table.
 */
public final class LossBenchmark {
    private static final int DIM = 128;
    private static final int[] ROWS = {256, 512, 1024, 2048, 4096};

    private LossBenchmark() {}

    private record Case(String name, boolean supervised, int maxRows, Function<NDManager, Loss> loss, boolean moco) {}

    /**
     * @param args ignored
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<Case> cases = List.of(
                new Case("info_nce (SimCLR)", false, 1 << 20, m -> new InfoNceLoss(0.5), false),
                new Case("info_nce + hcl", false, 1 << 20, m -> new InfoNceLoss(0.5, Distances.COSINE, new HclWeighting(1, 0.1)), false),
                new Case("info_nce + top_k 64", false, 1 << 20, m -> new InfoNceLoss(0.5, Distances.COSINE, new TopKNegatives(64)), false),
                new Case("info_nce + keys + bank 4096 + mochi", false, 1 << 20, m -> new InfoNceLoss(0.2), true),
                new Case("supcon", true, 1 << 20, m -> new SupConLoss(0.1), false),
                new Case("siamese, all pairs", true, 1 << 20, m -> ContrastiveLoss.defaults(), false),
                new Case("triplet, batch_hard", true, 1 << 20, m -> new TripletMarginLoss(Distances.EUCLIDEAN, 0.2,
                        TupleReduction.MEAN, false, new BatchHardMiner()), false),
                new Case("triplet, semi_hard", true, AllTripletsMiner.MAX_BATCH, m -> new TripletMarginLoss(
                        Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN, false, new SemiHardMiner(0.2)), false),
                new Case("triplet, all_triplets", true, AllTripletsMiner.MAX_BATCH, m -> new TripletMarginLoss(
                        Distances.EUCLIDEAN, 0.2, TupleReduction.MEAN, false, new AllTripletsMiner()), false),
                new Case("npairs", true, 1 << 20, m -> new NPairsLoss(Distances.DOT), false),
                new Case("align_uniform", false, 1 << 20, m -> new AlignmentUniformityLoss(2, 2, 1), false));
        Map<String, String[]> cells = new LinkedHashMap<>();
        try (NDManager root = NDManager.newBaseManager()) {
            for (Case c : cases) {
                String[] row = new String[ROWS.length];
                for (int i = 0; i < ROWS.length; i++) {
                    row[i] = ROWS[i] > c.maxRows() ? "n/a (N³ miner)" : measure(root, c, ROWS[i]);
                }
                cells.put(c.name(), row);
                System.err.println(c.name() + " " + Arrays.toString(row));
            }
        }
        StringBuilder out = new StringBuilder("| loss | ");
        for (int r : ROWS) {
            out.append("B = ").append(r).append(" | ");
        }
        out.append("\n|---|").append("---|".repeat(ROWS.length)).append('\n');
        cells.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(String.join(" | ", v)).append(" |\n"));
        System.out.print(out);
    }

    private static String measure(NDManager root, Case c, int rows) throws IOException {
        Loss loss = c.loss().apply(root);
        SplittableRandom rng = new SplittableRandom(rows);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = c.supervised() ? i % 10 : i % (rows / 2);
        }
        List<Double> times = new ArrayList<>();
        long before = status("VmRSS");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        for (int it = 0; it < 6; it++) {
            try (NDManager scope = root.newSubManager()) {
                NDArray z = scope.randomNormal(new Shape(rows, DIM));
                z = z.div(z.norm(new int[] {1}, true));
                z.setRequiresGradient(true);
                NDArray y = scope.create(labels);
                long t0 = System.nanoTime();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray value;
                    if (c.moco()) {
                        NDArray keys = z.add(scope.randomNormal(z.getShape()).mul(0.1f)).stopGradient();
                        NDArray bank = scope.randomNormal(new Shape(4096, DIM));
                        bank = bank.div(bank.norm(new int[] {1}, true));
                        NDArray extra = MochiMixer.defaults().mix(z, bank, rng);
                        ContrastiveInputs in = ContrastiveInputs.of(z, y).keys(keys)
                                .bank(bank, scope.full(new Shape(4096), -1, DataType.INT32)).extraNegatives(extra);
                        value = loss.evaluate(in.labels(), in.predictions());
                    } else {
                        value = loss.evaluate(new NDList(y), new NDList(z));
                    }
                    gc.backward(value);
                }
                z.getGradient().sum().getFloat();
                if (it > 0) {
                    times.add((System.nanoTime() - t0) * 1e-6);
                }
            }
        }
        long peak = status("VmHWM");
        times.sort(Double::compare);
        return String.format("%.1f ms, %d MiB", times.get(times.size() / 2), Math.max(0, peak - before) / 1024);
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
