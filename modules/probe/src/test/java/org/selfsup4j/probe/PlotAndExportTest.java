package org.selfsup4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.selfsup4j.probe.plot.BarChart;
import org.selfsup4j.probe.plot.LineChart;

/** The .npy layout byte by byte, the PCA map against a hand case, and the charts decode as PNG. */
class PlotAndExportTest {
    @Test
    void npyHeaderIsTheFormatsVersionOne() {
        byte[] f = EmbeddingExport.npy("<f4", "(2, 3)", new byte[24]);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        // 8 magic/version bytes + 2 length bytes + 59-byte dict + "\n" = 70, padded to 128: header length 118
        assertEquals(59, dict.length());
        assertEquals(128 + 24, f.length);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(f, 10));
        String header = new String(f, 10, 118, StandardCharsets.US_ASCII);
        assertEquals(dict + " ".repeat(118 - 59 - 1) + "\n", header);
    }

    @Test
    void pcaMapOfPointsOnALineIsThatLine() {
        // points t·(3, 4, 0) + (1, 1, 1) for t = −2..2: PC 1 coordinates are 5t (sign: largest loading +), PC 2 is 0
        float[] v = new float[15];
        for (int t = -2; t <= 2; t++) {
            int i = t + 2;
            v[i * 3] = 1 + 3 * t;
            v[i * 3 + 1] = 1 + 4 * t;
            v[i * 3 + 2] = 1;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            double[] xy = EmbeddingMap.pca(new Features(v, 5, 3, new int[5], 1), m);
            for (int t = -2; t <= 2; t++) {
                assertEquals(5.0 * t, xy[(t + 2) * 2], 1e-5);
                assertEquals(0.0, xy[(t + 2) * 2 + 1], 1e-5);
            }
        }
    }

    @Test
    void chartsAreDecodablePngsOfTheAskedSize() throws Exception {
        byte[] bars = new BarChart("t", "accuracy", 50, 100).series("a").series("b")
                .row("x", new double[] {80, 70}, new double[] {1, Double.NaN}).row("y", new double[] {Double.NaN, 60},
                        new double[] {0, 0}).png(640);
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(bars));
        assertEquals(640, b.getWidth());
        byte[] lines = new LineChart("loss", "step", "loss").series("s", new double[] {0, 1, 2}, new double[] {3, Double.NaN, 1})
                .png(500, 200);
        BufferedImage l = ImageIO.read(new ByteArrayInputStream(lines));
        assertEquals(500, l.getWidth());
        assertEquals(200, l.getHeight());
        try (NDManager m = NDManager.newBaseManager()) {
            Features f = LinearProbeTest.blobs(200, 4, 3, 1.0, 2);
            BufferedImage map = ImageIO.read(new ByteArrayInputStream(EmbeddingMap.png(f, List.of("a", "b", "c"), "map", m)));
            assertTrue(map.getWidth() > 300);
        }
    }
}
