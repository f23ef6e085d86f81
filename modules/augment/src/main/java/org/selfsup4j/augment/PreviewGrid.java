package org.selfsup4j.augment;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.selfsup4j.core.Checks;

/**
 * Draws a preview grid of views as PNG bytes: one row per image, the original in the first column and
 * view v in column v + 1. Pixels in [0, 1] (clipped) become 8-bit grey for one channel and RGB for
 * three; each image is enlarged {@code zoom} times (nearest neighbour). Views smaller than the original
 * (multi-crop's small crops) are drawn at their true scale, centred in their cell on a mid-grey field.
 */
public final class PreviewGrid {
    private static final int GAP = 4;
    private static final int LINE = 18;
    private static final int BACKGROUND = 0xFFFFFF;
    private static final int FIELD = 0x808080;

    private PreviewGrid() {}

    /**
     * @param originals {@code (N, C, H, W)} the inputs, C = 1 or 3
     * @param views the views, each {@code (N, C, H_v, W_v)} with {@code H_v ≤ H}, {@code W_v ≤ W}
     * @param zoom the enlargement, ≥ 1
     * @return the PNG file's bytes
     */
    public static byte[] png(NDArray originals, NDList views, int zoom) {
        return png(null, List.of(), originals, views, zoom);
    }

    /**
     * The grid under a title line and a label above each column.
     *
     * @param title the title (e.g. the recipe's name and seed), or {@code null} for no header
     * @param labels one label per column (original first), or empty for none
     * @param originals {@code (N, C, H, W)} the inputs, C = 1 or 3
     * @param views the views, each {@code (N, C, H_v, W_v)} with {@code H_v ≤ H}, {@code W_v ≤ W}
     * @param zoom the enlargement, ≥ 1
     * @return the PNG file's bytes
     */
    public static byte[] png(String title, List<String> labels, NDArray originals, NDList views, int zoom) {
        Checks.atLeast("zoom", zoom, 1);
        Checks.require(labels.isEmpty() || labels.size() == views.size() + 1, "labels", "", "one per column ("
                + (views.size() + 1) + ")", labels.size());
        int head = (title == null ? 0 : LINE) + (labels.isEmpty() ? 0 : LINE);
        BatchOps.channels("preview", originals);
        Shape s = originals.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int cellW = w * zoom;
        int cellH = h * zoom;
        int cols = views.size() + 1;
        BufferedImage img = new BufferedImage(GAP + cols * (cellW + GAP), head + GAP + n * (cellH + GAP),
                BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, img.getWidth(), img.getHeight(), BACKGROUND);
        for (int col = 0; col < cols; col++) {
            NDArray a = col == 0 ? originals : views.get(col - 1);
            Shape vs = a.getShape();
            int c = (int) vs.get(1);
            int vh = (int) vs.get(2);
            int vw = (int) vs.get(3);
            Checks.require(vh <= h && vw <= w && vs.get(0) == n && c == s.get(1), "preview", "view " + col,
                    "(" + n + ", " + s.get(1) + ", <= " + h + ", <= " + w + ")", vs);
            float[] px = a.toType(DataType.FLOAT32, false).clip(0f, 1f).toFloatArray();
            for (int row = 0; row < n; row++) {
                int x0 = GAP + col * (cellW + GAP);
                int y0 = head + GAP + row * (cellH + GAP);
                if (vh < h || vw < w) {
                    fill(img, x0, y0, cellW, cellH, FIELD);
                    x0 += (cellW - vw * zoom) / 2;
                    y0 += (cellH - vh * zoom) / 2;
                }
                int plane = vh * vw;
                for (int y = 0; y < vh; y++) {
                    for (int x = 0; x < vw; x++) {
                        int base = row * c * plane + y * vw + x;
                        int r = Math.round(px[base] * 255);
                        int g = c == 3 ? Math.round(px[base + plane] * 255) : r;
                        int b = c == 3 ? Math.round(px[base + 2 * plane] * 255) : r;
                        fill(img, x0 + x * zoom, y0 + y * zoom, zoom, zoom, (r << 16) | (g << 8) | b);
                    }
                }
            }
        }
        if (head > 0) {
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            if (title != null) {
                g.drawString(title, GAP, LINE - 5);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int col = 0; col < labels.size(); col++) {
                String label = labels.get(col);
                g.drawString(label, GAP + col * (cellW + GAP) + Math.max(0, (cellW - fm.stringWidth(label)) / 2), head - 5);
            }
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void fill(BufferedImage img, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }
}
