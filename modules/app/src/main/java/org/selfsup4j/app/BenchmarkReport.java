package org.selfsup4j.app;

import org.selfsup4j.recipe.BenchmarkSuite;
import org.selfsup4j.recipe.BenchmarkEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.probe.plot.BarChart;

/**
 * Renders a suite's cells ({@code NAME.jsonl} lines) as {@code NAME.md} and {@code NAME.png}: one row per
 * recipe or baseline with the mean ± sample standard deviation (n − 1) over its finished seeds of linear
 * probe top-1/top-5, kNN top-1, Recall@1, MAP@R, k-means NMI/ARI, alignment, uniformity and effective
 * rank, plus steps and wall time per seed;
 * rows sorted by mean linear-probe top-1; then the settings, the machine, and any failed cells. The
 * chart shows linear probe and kNN top-1 per row with ± one standard deviation.
 */
final class BenchmarkReport {
    private BenchmarkReport() {}

    /** Mean and sample standard deviation of a group's values. */
    record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }

        String percent() {
            return n == 0 ? "—" : Double.isNaN(std) ? pct(mean) : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
        }

        String plain(String format) {
            return n == 0 ? "—" : Double.isNaN(std) ? String.format(Locale.ROOT, format, mean)
                    : String.format(Locale.ROOT, format + " ± " + format, mean, std);
        }

        private static String pct(double v) {
            return String.format(Locale.ROOT, "%.2f", 100 * v);
        }
    }

    /** One row: a recipe or baseline and its finished cells. */
    record Row(String label, String kind, boolean labels, List<Map<String, Object>> cells) {
        Stat stat(String key) {
            List<Double> v = new ArrayList<>();
            for (Map<String, Object> c : cells) {
                Object o = c.get(key);
                if (o == null && c.get("metrics") instanceof Map<?, ?> m) {
                    o = m.get(key);
                }
                if (o instanceof Number num) {
                    v.add(num.doubleValue());
                }
            }
            return Stat.of(v);
        }
    }

    /**
     * @param suite the suite
     * @param suiteFile its file (named in the page)
     * @param results the results folder
     * @param lines the cells in plan order ({@code null}: not run yet)
     * @return the written {@code NAME.md}
     */
    static Path write(BenchmarkSuite suite, Path suiteFile, Path results, List<Map<String, Object>> lines) {
        List<Row> rows = rows(suite, lines);
        Path md = results.resolve(suite.name() + ".md");
        Path png = results.resolve(suite.name() + ".png");
        RunDirectory.writeAtomically(png, chart(suite, rows));
        RunDirectory.writeAtomically(md, markdown(suite, suiteFile, rows, lines).getBytes(StandardCharsets.UTF_8));
        return md;
    }

    static List<Row> rows(BenchmarkSuite suite, List<Map<String, Object>> lines) {
        Map<String, Row> byLabel = new LinkedHashMap<>();
        for (Map<String, Object> l : lines) {
            if (l == null || !"ok".equals(l.get("status"))) {
                continue;
            }
            String label = (String) l.get("label");
            Row row = byLabel.computeIfAbsent(label, k -> new Row(k, (String) l.get("kind"),
                    Boolean.TRUE.equals(l.get("labels")), new ArrayList<>()));
            row.cells().add(l);
        }
        List<Row> rows = new ArrayList<>(byLabel.values());
        rows.sort(Comparator.comparingDouble((Row r) -> -r.stat("linear_top1").mean()));
        return rows;
    }

    private static byte[] chart(BenchmarkSuite suite, List<Row> rows) {
        double lowest = 1;
        for (Row r : rows) {
            for (String k : List.of("linear_top1", "knn_top1")) {
                Stat s = r.stat(k);
                lowest = Math.min(lowest, s.mean() - (Double.isNaN(s.std()) ? 0 : s.std()));
            }
        }
        double min = Math.max(0, Math.floor(100 * lowest / 5) * 5 - 5);
        BarChart chart = new BarChart(suite.name() + ": test top-1 (mean ± std over seeds)",
                String.format(Locale.ROOT, "accuracy (%%), axis from %.0f %%", min), min, 100)
                .series("linear probe").series("weighted kNN");
        for (Row r : rows) {
            Stat lin = r.stat("linear_top1");
            Stat knn = r.stat("knn_top1");
            chart.row(r.label() + (r.labels() ? " (labels)" : ""), new double[] {100 * lin.mean(), 100 * knn.mean()},
                    new double[] {100 * lin.std(), 100 * knn.std()});
        }
        return chart.png(960);
    }

    /** @return the README block: marker lines around a linear/kNN table */
    static String compact(BenchmarkSuite suite, List<Row> rows, long done, int total) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- suite:").append(suite.name()).append(" -->\n");
        sb.append(String.format(Locale.ROOT, "Suite `%s`: %d of %d cells finished; mean ± std over seeds, test top-1 (%%).%n%n",
                suite.name(), done, total));
        sb.append("| recipe | labels | seeds | linear probe | kNN | Recall@1 | k-means NMI | steps |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.label()).append(r.kind().equals("baseline") ? " (baseline)" : "")
                    .append(" | ").append(r.labels() ? "yes" : "no")
                    .append(" | ").append(r.cells().size())
                    .append(" | ").append(r.stat("linear_top1").percent())
                    .append(" | ").append(r.stat("knn_top1").percent())
                    .append(" | ").append(r.stat("recall_at_1").percent())
                    .append(" | ").append(r.stat("kmeans_nmi").plain("%.3f"))
                    .append(" | ").append(r.cells().get(0).get("steps")).append(" |\n");
        }
        sb.append("<!-- /suite:").append(suite.name()).append(" -->\n");
        return sb.toString();
    }

    private static String markdown(BenchmarkSuite suite, Path suiteFile, List<Row> rows, List<Map<String, Object>> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmark suite `").append(suite.name()).append("`\n\n");
        if (!suite.description().isBlank()) {
            sb.append(suite.description().strip()).append("\n\n");
        }
        long done = lines.stream().filter(l -> l != null && "ok".equals(l.get("status"))).count();
        long failed = lines.stream().filter(l -> l != null && !"ok".equals(l.get("status"))).count();
        sb.append("Command: `scripts/selfsup benchmark ").append(suiteFile.toString().replace('\\', '/'))
                .append("` (resumable: finished cells are kept in `").append(suite.name()).append(".jsonl`).\n\n");
        sb.append(String.format(Locale.ROOT, "Cells: %d of %d finished, %d failed, %d not run yet.%n%n", done,
                lines.size(), failed, lines.size() - done - failed));
        sb.append("| recipe | labels in pretraining | seeds | linear probe top-1 (%) | top-5 (%) | kNN top-1 (%) "
                + "| Recall@1 (%) | MAP@R (%) | k-means NMI | ARI | alignment | uniformity | effective rank | dim | steps "
                + "| wall time / seed |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Map<String, Object> first = r.cells().get(0);
            sb.append("| ").append(r.label()).append(r.kind().equals("baseline") ? " (baseline)" : "")
                    .append(" | ").append(r.labels() ? "yes" : "no")
                    .append(" | ").append(r.cells().size())
                    .append(" | ").append(r.stat("linear_top1").percent())
                    .append(" | ").append(r.stat("linear_top5").percent())
                    .append(" | ").append(r.stat("knn_top1").percent())
                    .append(" | ").append(r.stat("recall_at_1").percent())
                    .append(" | ").append(r.stat("map_at_r").percent())
                    .append(" | ").append(r.stat("kmeans_nmi").plain("%.3f"))
                    .append(" | ").append(r.stat("kmeans_ari").plain("%.3f"))
                    .append(" | ").append(r.stat("alignment").plain("%.3f"))
                    .append(" | ").append(r.stat("uniformity").plain("%.2f"))
                    .append(" | ").append(r.stat("effective_rank").plain("%.1f"))
                    .append(" | ").append(first.get("dim"))
                    .append(" | ").append(first.get("steps"))
                    .append(" | ").append(r.stat("wall_seconds").plain("%.0f")).append(" s |\n");
        }
        sb.append("\nMean ± sample standard deviation (n − 1) over the seeds; one seed shows the value alone. Rows are "
                + "sorted by mean linear-probe top-1. *labels in pretraining*: supervised metric learning, not a "
                + "self-supervised result. Wall time per cell: pretraining, figures and the probe (feature extraction, "
                + "linear probe, kNN, metrics).\n\n");
        sb.append("![").append(suite.name()).append(" chart](").append(suite.name()).append(".png)\n\n");
        sb.append("## Compact table\n\nThe block README shows (`scripts/readme-results ").append(suite.name())
                .append("` copies it there):\n\n").append(compact(suite, rows, done, lines.size())).append('\n');
        sb.append("## Settings\n\n");
        sb.append("- seeds: ").append(suite.seeds()).append('\n');
        sb.append("- every recipe: ").append(suite.set().isEmpty() ? "as shipped" : "`" + String.join("`, `", suite.set()) + "`")
                .append('\n');
        for (BenchmarkEntry e : suite.recipes()) {
            sb.append("- ").append(e.name()).append(": `").append(e.recipe()).append('`');
            if (!e.set().isEmpty()) {
                sb.append(" with `").append(String.join("`, `", e.set())).append('`');
            }
            sb.append('\n');
        }
        if (!suite.baselines().isEmpty()) {
            sb.append("- baselines: ").append(String.join(", ", suite.baselines()))
                    .append(" (raw pixels in [0, 1] through the same probe; the seed draws the validation split)\n");
        }
        sb.append("- probe: each recipe's `eval` section (defaults where absent): frozen f(x) of the training and test "
                + "images without augmentation; L-BFGS multinomial logistic regression on standardised features with the "
                + "L2 strength chosen on a validation split carved from train (test labels are used only in the final "
                + "evaluation); weighted kNN (cosine, k = 200, T = 0.1); Recall@1 and MAP@R leave-one-out on the test "
                + "features; k-means (k = 10) NMI and ARI on the normalised test features; alignment "
                + "(mean ||f̂(x) − f̂(x')||² of two crop + flip views of the first 2,000 test images; lower is better) and "
                + "uniformity (log mean exp(−2||f̂_i − f̂_j||²) over test pairs; lower is more uniform) of Wang & Isola "
                + "2020.\n\n");
        sb.append("## Machine and code\n\n");
        Set<String> commits = new LinkedHashSet<>();
        Set<String> machines = new LinkedHashSet<>();
        String firstDone = null;
        String lastDone = null;
        for (Map<String, Object> l : lines) {
            if (l == null) {
                continue;
            }
            commits.add(String.valueOf(l.get("git_commit")));
            machines.add(l.get("cores") + " cores, DJL " + l.get("djl_version"));
            String f = String.valueOf(l.get("finished"));
            firstDone = firstDone == null || f.compareTo(firstDone) < 0 ? f : firstDone;
            lastDone = lastDone == null || f.compareTo(lastDone) > 0 ? f : lastDone;
        }
        sb.append("- machine: ").append(String.join("; ", machines)).append('\n');
        sb.append("- commits: ").append(String.join(", ", commits)).append('\n');
        sb.append("- cells finished between ").append(firstDone).append(" and ").append(lastDone).append('\n');
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> l : lines) {
            if (l != null && !"ok".equals(l.get("status"))) {
                failures.add("- " + l.get("label") + " seed " + l.get("seed") + ": " + l.get("error"));
            }
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failed cells\n\n").append(String.join("\n", failures)).append('\n');
        }
        return sb.toString();
    }
}
