package org.selfsup4j.app;

import org.selfsup4j.data.Splits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.data.FashionMnist;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.probe.ProbeReport;

/**
 * The raw-pixel baseline goes through the run's evaluators: on images whose class sets which half of the
 * picture is bright (linearly separable in pixel space) both the linear probe and kNN are exact, and
 * {@code probe.json} has the fields of a run's, with 784 features.
 */
class PixelProbeTest {
    @TempDir
    Path tmp;

    private static ImageSet halves(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int p = 0; p < 784; p++) {
                boolean bright = (p % 28 < 14) == (y[i] == 0);
                px[i * 784 + p] = (byte) (bright ? 150 + r.nextInt(100) : r.nextInt(100));
            }
        }
        return new ImageSet(px, y, 1, 28, 28, 2);
    }

    @Test
    void rawPixelsOfSeparableImagesProbePerfectly() throws Exception {
        Splits splits = new Splits(halves(400, 1), halves(100, 2), tmp, Map.of(), List.of("upper half", "lower half"));
        Path out = tmp.resolve("pixels");
        ProbeReport r = ProbeJob.pixels(out, DeviceSpec.parse("cpu"), splits,
                new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
        assertEquals(1.0, r.linear().top1(), 0.0);
        assertEquals(1.0, r.knnTop1(), 0.0);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve(ProbeJob.OUTPUT)));
        assertEquals(784, json.at("/features/dim").asInt());
        assertEquals(400, json.at("/features/train").asInt());
        assertEquals(100, json.at("/features/test").asInt());
        assertTrue(json.has("linear_probe") && json.has("knn") && json.has("seconds"), json.toString());
        assertEquals("[\"upper half\",\"lower half\"]", json.get("class_names").toString());
        assertEquals("{\"upper half\":1.0,\"lower half\":1.0}", json.at("/linear_probe/per_class_top1").toString());
        assertEquals("linear_probe_top1=1.0000 knn_top1=1.0000", r.summaryLine());
    }
}
