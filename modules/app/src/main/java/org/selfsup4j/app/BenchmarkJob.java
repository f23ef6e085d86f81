package org.selfsup4j.app;

import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.BenchmarkSuite;
import org.selfsup4j.recipe.BenchmarkEntry;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.Provenance;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.probe.ProbeSpec;

/**
 * Runs a {@link BenchmarkSuite}, as {@code selfsup benchmark eval/SUITE.yaml} does: every recipe × seed
 * is pretrained into {@code RUNS/NAME/} and probed (frozen features, the standard protocol), every
 * baseline × seed is probed, and after each cell {@code RESULTS/NAME.jsonl} (one line per cell),
 * {@code RESULTS/NAME.md} (mean ± std over seeds, wall time, settings) and {@code RESULTS/NAME.png} are
 * rewritten atomically by {@link BenchmarkReport}.
 *
 * <p>Resumable: a cell whose fingerprint (SHA-256 of its recipe file and overrides, or of the baseline's
 * probe overrides and seed; see {@link #plan}) already has a finished line in {@code NAME.jsonl} is not run again, so a killed
 * suite continues where it stopped and an edited suite reruns only what changed; {@code fresh} ignores
 * the old lines. A failing cell is recorded as failed (with its one-line error) and the suite goes on.
 */
public final class BenchmarkJob {
    private BenchmarkJob() {}

    /**
     * What a run of the suite did.
     *
     * @param markdown the results page
     * @param ran cells run now
     * @param reused cells taken from an earlier run
     * @param failed cells that failed now
     */
    public record Outcome(Path markdown, int ran, int reused, int failed) {}

    /**
     * @param suiteFile the suite
     * @param resultsDir where {@code NAME.md|.jsonl|.png} go, or {@code null} for {@code results/} next to
     *     the suite file
     * @param runsDir the parent of {@code NAME/} holding the cells' run directories
     * @param fresh rerun every cell, ignoring {@code NAME.jsonl}
     * @param reportOnly run nothing: rewrite {@code NAME.md} and {@code NAME.png} from {@code NAME.jsonl}, which
     *     is left as it is (a cell is matched by fingerprint, else by label and seed)
     * @param device a device override for every cell ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}), or
     *     {@code null}
     * @param log where progress goes
     * @return the outcome
     */
    public static Outcome run(Path suiteFile, Path resultsDir, Path runsDir, boolean fresh, boolean reportOnly, String device,
            PrintStream log) {
        BenchmarkSuite suite = BenchmarkSuite.load(suiteFile);
        Path results = resultsDir != null ? resultsDir : suiteFile.toAbsolutePath().getParent().resolve("results");
        RunDirectory.checkWritable(results);
        Path cellsDir = runsDir.resolve(suite.name());
        if (!reportOnly) {
            RunDirectory.checkWritable(cellsDir);
        }
        Path jsonl = results.resolve(suite.name() + ".jsonl");
        Map<String, Map<String, Object>> earlier = fresh ? Map.of() : read(jsonl);
        List<Cell> cells = plan(suite, suiteFile, device);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Cell cell : cells) {
            lines.add(earlier.get(cell.fingerprint()));
        }
        if (reportOnly) {
            // render what the file holds: a line whose recipe text changed since is still the recorded result
            // of its (label, seed); nothing is rewritten but the page and the chart
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                if (lines.get(i) == null) {
                    lines.set(i, earlier.values().stream().filter(l -> cell.label().equals(l.get("label"))
                            && l.get("seed") instanceof Number n && n.longValue() == cell.seed()).findFirst().orElse(null));
                }
            }
            int shown = (int) lines.stream().filter(java.util.Objects::nonNull).count();
            log.printf(Locale.ROOT, "benchmark: report only: %d of %d cells found in %s%n", shown, cells.size(),
                    jsonl.getFileName());
            return new Outcome(BenchmarkReport.write(suite, suiteFile, results, lines), 0, shown, 0);
        }
        int ran = 0;
        int reused = 0;
        int failed = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            Map<String, Object> old = lines.get(i);
            if (old != null && "ok".equals(old.get("status"))) {
                log.printf(Locale.ROOT, "benchmark: [%d/%d] %s seed %d: reused (%s)%n", i + 1, cells.size(), cell.label(),
                        cell.seed(), jsonl.getFileName());
                reused++;
                continue;
            }
            log.printf(Locale.ROOT, "benchmark: [%d/%d] %s seed %d%n", i + 1, cells.size(), cell.label(), cell.seed());
            Map<String, Object> line;
            try {
                line = runCell(suite, cell, cellsDir, log);
            } catch (Interrupted e) {
                throw e.where(String.format(Locale.ROOT, "during cell %d/%d (%s seed %d) of %s", i + 1, cells.size(),
                        cell.label(), cell.seed(), suiteFile), "the finished cells are kept in " + jsonl
                        + "; continue with: selfsup benchmark " + suiteFile);
            }
            if (!"ok".equals(line.get("status"))) {
                failed++;
                log.printf(Locale.ROOT, "benchmark: %s seed %d failed: %s%n", cell.label(), cell.seed(), line.get("error"));
            }
            lines.set(i, line);
            ran++;
            write(jsonl, lines);
            BenchmarkReport.write(suite, suiteFile, results, lines);
        }
        write(jsonl, lines);
        Path md = BenchmarkReport.write(suite, suiteFile, results, lines);
        return new Outcome(md, ran, reused, failed);
    }

    /** One (recipe or baseline, seed) of the suite. */
    record Cell(String label, String kind, String recipeFile, long seed, Recipe recipe, ProbeSpec baselineProbe,
            DataSpec baselineData, String fingerprint) {}

    /**
     * Seed-major: every recipe and baseline for the first seed, then for the next, so a partial run covers
     * all rows. A recipe cell's fingerprint is the SHA-256 of its recipe file's bytes and its overrides (one
     * {@code --set} per line); a baseline's, of its name, the suite's {@code eval.*} overrides and the seed (and
     * its data section when that is not the default). A baseline probes the data of the suite's first recipe.
     * Both stay the same across code versions, so a suite resumes over upgrades; the commit of each cell is
     * recorded beside it.
     */
    static List<Cell> plan(BenchmarkSuite suite, Path suiteFile, String device) {
        List<Cell> cells = new ArrayList<>();
        ProbeSpec baselineProbe = suite.baselines().isEmpty() ? null : suite.baselineProbe();
        DataSpec baselineData = null;
        for (long seed : suite.seeds()) {
            for (BenchmarkEntry e : suite.recipes()) {
                List<String> sets = new ArrayList<>(suite.overrides(suiteFile, e, seed));
                if (device != null) {
                    sets.add("device=" + device);
                }
                Path file = suite.recipeFile(suiteFile, e);
                Recipe r = RecipeLoader.load(file, sets);
                cells.add(new Cell(e.name(), "recipe", e.recipe(), seed, r, null, null,
                        fingerprint(RecipeLoader.textWithIncludes(file), sets)));
                baselineData = baselineData == null ? r.data().probeData() : baselineData;
            }
            for (String b : suite.baselines()) {
                List<String> sets = new ArrayList<>(suite.evalOverrides());
                sets.add("seed=" + seed);
                String name = baselineData.equals(DataSpec.defaults()) ? b : b + "\ndata " + baselineData;
                cells.add(new Cell(b, "baseline", null, seed, null, baselineProbe, baselineData, fingerprint(name, sets)));
            }
        }
        return cells;
    }

    private static String fingerprint(String text, List<String> sets) {
        StringBuilder sb = new StringBuilder(text);
        for (String s : sets) {
            sb.append("\n--set ").append(s);
        }
        return Hashing.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> runCell(BenchmarkSuite suite, Cell cell, Path cellsDir, PrintStream log) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("suite", suite.name());
        line.put("label", cell.label());
        line.put("kind", cell.kind());
        line.put("recipe", cell.recipeFile());
        line.put("seed", cell.seed());
        line.put("fingerprint", cell.fingerprint());
        line.put("labels", cell.recipe() != null && cell.recipe().method().usesLabels());
        long t0 = System.nanoTime();
        try {
            ProbeReport probe;
            if (cell.recipe() != null) {
                PretrainJob.Result r = PretrainJob.run(cell.recipe(), cellsDir, log, false);
                probe = r.probe() != null ? r.probe() : ProbeJob.run(r.runDir(), ProbeSpec.defaults(), null, null, log);
                line.put("run_dir", r.runDir().toString());
                line.put("steps", r.steps());
                line.put("train_seconds", round(r.seconds()));
            } else {
                Path out = cellsDir.resolve(cell.label() + "-s" + cell.seed());
                probe = ProbeJob.pixels(out, cell.baselineProbe(), cell.seed(), null, cell.baselineData().load(), log);
                line.put("run_dir", out.toString());
                line.put("steps", 0);
                line.put("train_seconds", 0.0);
            }
            line.put("status", "ok");
            Map<String, Object> p = probe.toJson();
            line.put("dim", ((Map<?, ?>) p.get("features")).get("dim"));
            line.put("linear_top1", ((Map<?, ?>) p.get("linear_probe")).get("top1"));
            line.put("linear_top5", ((Map<?, ?>) p.get("linear_probe")).get("top5"));
            line.put("knn_top1", ((Map<?, ?>) p.get("knn")).get("top1"));
            line.put("metrics", p.get("metrics"));
            line.put("probe_seconds", p.get("seconds"));
        } catch (Interrupted e) {
            throw e; // not a failure of the cell: it is not recorded and runs again next time
        } catch (SelfsupException e) {
            line.put("status", "failed");
            line.put("error", e.getMessage());
        } catch (RuntimeException e) {
            line.put("status", "failed");
            line.put("error", e.toString());
        }
        line.put("wall_seconds", round((System.nanoTime() - t0) * 1e-9));
        line.put("git_commit", Provenance.gitCommit());
        line.put("finished", Instant.now().toString());
        line.put("djl_version", Engine.getDjlVersion());
        line.put("cores", Runtime.getRuntime().availableProcessors());
        return line;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static Map<String, Map<String, Object>> read(Path jsonl) {
        Map<String, Map<String, Object>> byFingerprint = new LinkedHashMap<>();
        if (!Files.isRegularFile(jsonl)) {
            return byFingerprint;
        }
        try {
            int n = 0;
            for (String s : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                n++;
                if (s.isBlank()) {
                    continue;
                }
                Map<String, Object> m;
                try {
                    m = Json.mapper().readValue(s, new TypeReference<LinkedHashMap<String, Object>>() {});
                } catch (IOException e) {
                    throw SelfsupException.of(jsonl + ":" + n, "results line", "one JSON object", "unreadable text",
                            "delete the file or pass --fresh");
                }
                if (m.get("fingerprint") instanceof String fp) {
                    byFingerprint.put(fp, m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFingerprint;
    }

    private static void write(Path jsonl, List<Map<String, Object>> lines) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> l : lines) {
            if (l == null) {
                continue;
            }
            sb.append(Json.line(l)).append('\n');
        }
        RunDirectory.writeAtomically(jsonl, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
