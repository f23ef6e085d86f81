package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation tools through the real command line on Fashion-MNIST: the CI-sized benchmark suite runs,
 * its table's mean ± std equal a recomputation from its JSON lines, a second run reuses every cell; each
 * run has an online probe log and a report that renders in headless Chromium with every figure loaded;
 * {@code selfsup embed} writes .npy files that parse by the format's definition and match the CSV.
 */
@Tag("data")
class EvaluationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theQuickSuiteRunsResumesAndReportsWhatItsCellsMeasured() throws Exception {
        Path results = tmp.resolve("results");
        Path runs = tmp.resolve("runs");
        String[] args = {"benchmark", "../../eval/fashion-mnist-quick.yaml", "--results", results.toString(), "--runs",
            runs.toString(), "--device", "cpu"};
        CliTest.Outcome first = CliTest.run(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("10 cells run, 0 reused, 0 failed"), first.err());
        Path md = results.resolve("fashion-mnist-quick.md");
        assertEquals(md.toString(), first.out().strip());

        List<JsonNode> cells = new ArrayList<>();
        for (String l : Files.readAllLines(results.resolve("fashion-mnist-quick.jsonl"))) {
            cells.add(JSON.readTree(l));
        }
        assertEquals(10, cells.size());
        Map<String, List<Double>> linear = new LinkedHashMap<>();
        for (JsonNode c : cells) {
            assertEquals("ok", c.get("status").asText(), c.toString());
            linear.computeIfAbsent(c.get("label").asText(), k -> new ArrayList<>()).add(c.get("linear_top1").asDouble());
            double a = c.get("metrics").get("alignment").asDouble();
            assertTrue(a >= 0 && a <= 4, c.toString());
            assertTrue(c.get("metrics").get("kmeans_nmi").asDouble() > 0, c.toString());
        }
        assertEquals(List.of("quickstart", "siamese", "ae", "pca", "pixels"), List.copyOf(linear.keySet()));
        String table = Files.readString(md);
        for (Map.Entry<String, List<Double>> e : linear.entrySet()) {
            double a = e.getValue().get(0);
            double b = e.getValue().get(1);
            double mean = (a + b) / 2;
            double std = Math.abs(a - b) / Math.sqrt(2); // sample std of two values
            String cell = String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
            String row = table.lines().filter(l -> l.startsWith("| " + e.getKey() + " ")).findFirst().orElseThrow();
            assertEquals(cell, row.split(" \\| ")[3], row);
        }
        assertTrue(table.contains("| siamese | yes | 2 |"), table);
        BufferedImage chart = ImageIO.read(results.resolve("fashion-mnist-quick.png").toFile());
        assertTrue(chart.getWidth() == 960 && chart.getHeight() > 200);

        CliTest.Outcome again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("0 cells run, 10 reused, 0 failed"), again.err());

        Path quick = Path.of(cells.get(0).get("run_dir").asText());
        List<JsonNode> online = new ArrayList<>();
        for (String l : Files.readAllLines(quick.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if ("online_probe".equals(n.path("event").asText())) {
                online.add(n);
            }
        }
        assertTrue(online.size() >= 1, "online probe events");
        assertTrue(online.get(0).get("linear_top1").asDouble() > 0.3, online.toString());
        assertRendersInChromium(quick.resolve("report.html"), 5);

        Path embeddings = tmp.resolve("emb");
        CliTest.Outcome embed = CliTest.run("embed", quick.toString(), "--out", embeddings.toString());
        assertEquals(0, embed.code(), embed.err());
        checkNpyAgainstCsv(embeddings);
    }

    /** Parses the .npy files by the format's definition and compares them with the CSV. */
    private static void checkNpyAgainstCsv(Path dir) throws Exception {
        byte[] f = Files.readAllBytes(dir.resolve("test-features.npy"));
        assertEquals((byte) 0x93, f[0]);
        assertEquals("NUMPY", new String(f, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (f[8] & 0xff) | (f[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(f, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (10000, 128), }"), header);
        assertTrue(header.endsWith("\n"));
        ByteBuffer data = ByteBuffer.wrap(f, 10 + headerLen, f.length - 10 - headerLen).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(10000 * 128 * 4, data.remaining());
        byte[] l = Files.readAllBytes(dir.resolve("test-labels.npy"));
        int lh = (l[8] & 0xff) | (l[9] & 0xff) << 8;
        assertTrue(new String(l, 10, lh, StandardCharsets.US_ASCII).contains("'descr': '<i4'"));
        ByteBuffer labels = ByteBuffer.wrap(l, 10 + lh, l.length - 10 - lh).slice().order(ByteOrder.LITTLE_ENDIAN);
        List<String> csv = Files.readAllLines(dir.resolve("test.csv"));
        assertEquals(10001, csv.size());
        assertTrue(csv.get(0).startsWith("label,class,f0,f1,"));
        for (int row : new int[] {0, 1, 4321, 9999}) {
            String[] fields = csv.get(row + 1).split(",");
            assertEquals(labels.getInt(row * 4), Integer.parseInt(fields[0]));
            assertEquals(org.selfsup4j.data.FashionMnist.CLASSES.get(Integer.parseInt(fields[0])), fields[1]);
            for (int j = 0; j < 128; j++) {
                assertEquals(data.getFloat((row * 128 + j) * 4), Float.parseFloat(fields[j + 2]), 0f);
            }
        }
        BufferedImage map = ImageIO.read(dir.resolve("map-pca.png").toFile());
        assertTrue(map.getWidth() > 300);
    }

    /** Loads the page in headless Chromium and reads how many of its figures decoded. */
    static void assertRendersInChromium(Path report, int atLeastFigures) throws Exception {
        String browser = null;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (browser == null && Files.isExecutable(Path.of(dir, name))) {
                    browser = Path.of(dir, name).toString();
                }
            }
        }
        Assumptions.assumeTrue(browser != null, "no Chromium on PATH (.ci/run installs it)");
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
                "--dump-dom", report.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-figures=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the page's script ran: " + dom.substring(0, Math.min(300, dom.length())));
        assertEquals(m.group(2), m.group(1), "every figure decoded");
        assertTrue(Integer.parseInt(m.group(2)) >= atLeastFigures, dom.substring(0, 200));
        assertTrue(dom.contains("Summary") && dom.contains("linear probe top-1"), "the summary rendered");
    }
}
