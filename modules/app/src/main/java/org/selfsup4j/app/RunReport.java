package org.selfsup4j.app;

import org.selfsup4j.recipe.Recipe;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.probe.plot.LineChart;

/**
 * A run's {@code report.html}: one static page (no network, no external script) with the run's state,
 * the probe's figures, the training curves (loss with its 50-step moving average, learning rate, and
 * the online probe per epoch when logged; drawn into {@code loss.png}, {@code lr.png},
 * {@code online-probe.png}), every figure of the run directory, the resolved recipe and the provenance.
 * A small inline script marks any figure that fails to load and records {@code data-figures="ok/total"}
 * on the root element, which the browser check reads. Written by {@code selfsup pretrain} and
 * {@code selfsup probe}, and on demand by {@code selfsup report RUN_DIR}.
 */
public final class RunReport {
    /** The report's file name. */
    public static final String FILE = "report.html";
    private static final int SMOOTH = 50;

    private RunReport() {}

    /**
     * @param runDir a run directory (complete, or failed/unfinished: what exists is shown)
     * @return the written report
     */
    public static Path write(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve("resolved-recipe.yaml"))) {
            throw SelfsupException.of(runDir.toString(), "run directory", "a pretraining run (with resolved-recipe.yaml)",
                    Files.isDirectory(runDir) ? "no resolved-recipe.yaml" : "no such directory",
                    "pass a folder printed by 'selfsup pretrain'");
        }
        List<Map<String, Object>> metrics = jsonLines(runDir.resolve("metrics.jsonl"));
        List<String> curves = curves(runDir, metrics);
        StringBuilder h = new StringBuilder();
        String name = runDir.getFileName().toString();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(name)).append(" · selfsup4j report</title>\n<style>\n")
                .append("body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}\n")
                .append("h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 9px;text-align:left}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("pre{background:#f6f6f6;padding:1em;overflow:auto}figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}\n")
                .append(".missing{color:#b00;font-weight:bold}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(name)).append("</h1>\n");
        Map<String, Object> state = jsonObject(runDir.resolve(RunDirectory.STATE_FILE));
        h.append("<p>State: <b>").append(esc(String.valueOf(state.getOrDefault("state", "unknown")))).append("</b>");
        Object error = state.get("error");
        if (error != null) {
            h.append(" — ").append(esc(String.valueOf(error)));
        }
        h.append("</p>\n");
        Map<String, Object> probe = jsonObject(runDir.resolve(ProbeJob.OUTPUT));
        summary(h, probe, metrics);
        if (!curves.isEmpty()) {
            h.append("<h2>Training curves</h2>\n");
            for (String png : curves) {
                h.append("<figure><img src=\"").append(esc(png)).append("\" alt=\"").append(esc(png)).append("\"></figure>\n");
            }
        }
        if (!probe.isEmpty()) {
            h.append("<h2>Probe (probe.json)</h2>\n");
            table(h, flatten("", probe));
        }
        for (String extra : List.of("reconstruction.json", "sae.json")) {
            Map<String, Object> m = jsonObject(runDir.resolve(extra));
            if (!m.isEmpty()) {
                h.append("<h2>").append(esc(extra)).append("</h2>\n");
                table(h, flatten("", m));
            }
        }
        List<String> figures = figures(runDir, curves);
        if (!figures.isEmpty()) {
            h.append("<h2>Figures</h2>\n");
            for (String png : figures) {
                h.append("<figure><img src=\"").append(esc(png)).append("\" alt=\"").append(esc(png))
                        .append("\"><figcaption>").append(esc(png)).append("</figcaption></figure>\n");
            }
        }
        h.append("<h2>Recipe (resolved-recipe.yaml)</h2>\n<pre>").append(esc(read(runDir.resolve("resolved-recipe.yaml"))))
                .append("</pre>\n");
        Map<String, Object> provenance = jsonObject(runDir.resolve("provenance.json"));
        if (!provenance.isEmpty()) {
            h.append("<h2>Provenance</h2>\n");
            table(h, flatten("", provenance));
        }
        h.append("<script>\nwindow.addEventListener('load', function () {\n")
                .append("  var imgs = document.images, ok = 0;\n")
                .append("  for (var i = 0; i < imgs.length; i++) {\n")
                .append("    if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; continue; }\n")
                .append("    var p = document.createElement('p'); p.className = 'missing';\n")
                .append("    p.textContent = 'missing figure: ' + imgs[i].getAttribute('src'); imgs[i].after(p);\n")
                .append("  }\n  document.documentElement.setAttribute('data-figures', ok + '/' + imgs.length);\n});\n")
                .append("</script>\n</body>\n</html>\n");
        Path out = runDir.resolve(FILE);
        RunDirectory.writeAtomically(out, h.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static void summary(StringBuilder h, Map<String, Object> probe, List<Map<String, Object>> metrics) {
        Map<String, String> rows = new LinkedHashMap<>();
        Object lin = at(probe, "linear_probe", "top1");
        if (lin instanceof Number n) {
            rows.put("linear probe top-1 (test)", pct(n));
            rows.put("linear probe top-5 (test)", pct((Number) at(probe, "linear_probe", "top5")));
            rows.put("kNN top-1 (test)", pct((Number) at(probe, "knn", "top1")));
        }
        for (String[] k : new String[][] {{"recall_at_1", "Recall@1"}, {"map_at_r", "MAP@R"}}) {
            if (at(probe, "metrics", k[0]) instanceof Number n) {
                rows.put(k[1], pct(n));
            }
        }
        for (String[] k : new String[][] {{"kmeans_nmi", "k-means NMI"}, {"kmeans_ari", "k-means ARI"},
            {"alignment", "alignment (lower is better)"}, {"uniformity", "uniformity (lower is more uniform)"},
            {"effective_rank", "effective rank"}}) {
            if (at(probe, "metrics", k[0]) instanceof Number n) {
                rows.put(k[1], String.format(Locale.ROOT, "%.3f", n.doubleValue()));
            }
        }
        List<Map<String, Object>> steps = metrics.stream().filter(m -> !m.containsKey("event") && m.get("loss") != null)
                .toList();
        if (!steps.isEmpty()) {
            rows.put("optimizer steps", Integer.toString(steps.size()));
            rows.put("final loss", String.format(Locale.ROOT, "%.4f",
                    ((Number) steps.get(steps.size() - 1).get("loss")).doubleValue()));
        }
        if (!rows.isEmpty()) {
            h.append("<h2>Summary</h2>\n<table>\n");
            rows.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td class=\"n\">").append(esc(v))
                    .append("</td></tr>\n"));
            h.append("</table>\n");
        }
    }

    /** Draws the curves the metrics allow and returns their file names. */
    private static List<String> curves(Path runDir, List<Map<String, Object>> metrics) {
        List<double[]> steps = new ArrayList<>();
        for (Map<String, Object> m : metrics) {
            if (!m.containsKey("event") && m.get("step") instanceof Number s && m.get("loss") instanceof Number l) {
                double lr = m.get("lr") instanceof Number r ? r.doubleValue() : Double.NaN;
                steps.add(new double[] {s.doubleValue(), l.doubleValue(), lr});
            }
        }
        List<String> written = new ArrayList<>();
        if (!steps.isEmpty()) {
            int n = steps.size();
            double[] x = new double[n];
            double[] loss = new double[n];
            double[] lr = new double[n];
            double[] smooth = new double[n];
            double window = 0;
            for (int i = 0; i < n; i++) {
                x[i] = steps.get(i)[0];
                loss[i] = steps.get(i)[1];
                lr[i] = steps.get(i)[2];
                window += loss[i];
                if (i >= SMOOTH) {
                    window -= loss[i - SMOOTH];
                }
                smooth[i] = window / Math.min(i + 1, SMOOTH);
            }
            RunDirectory.writeAtomically(runDir.resolve("loss.png"), new LineChart("training loss", "step", "loss")
                    .series("per step", x, loss).series(SMOOTH + "-step mean", x, smooth).png(900, 320));
            RunDirectory.writeAtomically(runDir.resolve("lr.png"),
                    new LineChart("learning rate", "step", "lr").series("lr", x, lr).png(900, 260));
            written.add("loss.png");
            written.add("lr.png");
        }
        List<double[]> online = new ArrayList<>();
        for (Map<String, Object> m : metrics) {
            if ("online_probe".equals(m.get("event")) && m.get("epoch") instanceof Number e) {
                online.add(new double[] {e.doubleValue() + 1, ((Number) m.get("linear_top1")).doubleValue() * 100,
                    ((Number) m.get("knn_top1")).doubleValue() * 100});
            }
        }
        if (!online.isEmpty()) {
            double[] e = online.stream().mapToDouble(v -> v[0]).toArray();
            RunDirectory.writeAtomically(runDir.resolve("online-probe.png"),
                    new LineChart("online probe (held-out training images)", "epoch", "top-1 (%)")
                            .series("linear", e, online.stream().mapToDouble(v -> v[1]).toArray())
                            .series("kNN", e, online.stream().mapToDouble(v -> v[2]).toArray()).png(900, 300));
            written.add("online-probe.png");
        }
        return written;
    }

    private static List<String> figures(Path runDir, List<String> curves) {
        try (Stream<Path> s = Files.list(runDir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png") && !curves.contains(f)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void table(StringBuilder h, Map<String, String> rows) {
        h.append("<table>\n");
        rows.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static Map<String, String> flatten(String prefix, Map<?, ?> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> sub) {
                out.putAll(flatten(key, sub));
            } else {
                out.put(key, v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v));
            }
        });
        return out;
    }

    private static Object at(Map<String, Object> m, String section, String key) {
        return m.get(section) instanceof Map<?, ?> s ? s.get(key) : null;
    }

    private static String pct(Number n) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * n.doubleValue());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> jsonObject(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            return Map.of("unreadable", file.getFileName().toString());
        }
    }

    private static List<Map<String, Object>> jsonLines(Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.mapper().readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
                } catch (IOException e) {
                    // a half-written last line of a killed run: skip it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
