package org.selfsup4j.probe.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A white RGB image with a plotting area, "nice" axis ticks and the ten-colour categorical palette
 * (matplotlib's tab10), shared by {@link BarChart}, {@link LineChart} and {@link ScatterPlot}. Headless
 * Java2D only; encodes to PNG.
 */
final class Canvas {
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    static final Color GRID = new Color(0xe6e6e6);
    static final Color INK = new Color(0x222222);

    final BufferedImage image;
    final Graphics2D g;
    final int left;
    final int top;
    final int right;
    final int bottom;

    /**
     * @param width image width in pixels
     * @param height image height in pixels
     * @param left margin left of the plotting area
     * @param top margin above it (the title goes there)
     * @param right margin right of it
     * @param bottom margin below it
     */
    Canvas(int width, int height, int left, int top, int right, int bottom) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        this.left = left;
        this.top = top;
        this.right = width - right;
        this.bottom = height - bottom;
    }

    /** Draws the title centred above the plotting area. */
    void title(String text) {
        Font old = g.getFont();
        g.setFont(old.deriveFont(Font.BOLD, 14f));
        g.setColor(INK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (image.getWidth() - fm.stringWidth(text)) / 2, Math.max(fm.getAscent() + 4, top / 2));
        g.setFont(old);
    }

    /** Draws {@code text} with its left end at x, baseline centred on y. */
    void text(String text, double x, double y, Color color) {
        g.setColor(color);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) x, (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    /** Draws {@code text} right-aligned at x, centred on y. */
    void textRight(String text, double x, double y) {
        text(text, x - g.getFontMetrics().stringWidth(text), y, INK);
    }

    /** Draws {@code text} centred on x with its top at y. */
    void textBelow(String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(INK);
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) (y + fm.getAscent()));
    }

    /** Draws {@code text} rotated by −90°, centred on y, its baseline at x. */
    void textVertical(String text, double x, double y) {
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        g.setColor(INK);
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) y);
        g.setTransform(old);
    }

    /**
     * Draws vertical grid lines at "nice" ticks of [min, max] with their labels under the plotting area.
     *
     * @param min the value at {@link #left}
     * @param max the value at {@link #right}
     * @param target wanted number of intervals
     */
    void xGrid(double min, double max, int target) {
        double scale = (right - left) / (max - min);
        double[] t = ticks(min, max, target);
        double step = t.length > 1 ? t[1] - t[0] : max - min;
        g.setStroke(new BasicStroke(1f));
        for (double v : t) {
            double x = left + (v - min) * scale;
            g.setColor(GRID);
            g.draw(new java.awt.geom.Line2D.Double(x, top, x, bottom));
            textBelow(tickLabel(v, step), x, bottom + 4);
        }
    }

    /**
     * Draws horizontal grid lines at "nice" ticks of [min, max] with their labels left of the plotting area.
     *
     * @param min the value at {@link #bottom}
     * @param max the value at {@link #top}
     * @param target wanted number of intervals
     */
    void yGrid(double min, double max, int target) {
        double scale = (bottom - top) / (max - min);
        double[] t = ticks(min, max, target);
        double step = t.length > 1 ? t[1] - t[0] : max - min;
        g.setStroke(new BasicStroke(1f));
        for (double v : t) {
            double y = bottom - (v - min) * scale;
            g.setColor(GRID);
            g.draw(new java.awt.geom.Line2D.Double(left, y, right, y));
            textRight(tickLabel(v, step), left - 4, y);
        }
    }

    /**
     * Draws a one-line legend above the plotting area: a palette swatch and the name per entry.
     *
     * @param names the entries, coloured in palette order
     * @param y the legend's vertical centre
     * @param swatchHeight 14 for a bar swatch, 4 for a line
     */
    void legend(java.util.List<String> names, double y, double swatchHeight) {
        double x = left;
        for (int s = 0; s < names.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fill(new java.awt.geom.Rectangle2D.Double(x, y - swatchHeight / 2, 14, swatchHeight));
            text(names.get(s), x + 20, y, INK);
            x += 40 + g.getFontMetrics().stringWidth(names.get(s));
        }
    }

    /** Outlines the plotting area. */
    void frame() {
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, right - left, bottom - top);
    }

    /**
     * Tick values between lo and hi at a step of 1, 2 or 5 × 10^k, about {@code target} of them.
     *
     * @param lo axis start
     * @param hi axis end (> lo)
     * @param target wanted number of intervals
     * @return the ticks inside [lo, hi]
     */
    static double[] ticks(double lo, double hi, int target) {
        double step = niceStep((hi - lo) / target);
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    /** @return the smallest 1, 2 or 5 × 10^k at least {@code raw} */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** @return a tick label with no more decimals than the step needs */
    static String tickLabel(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    /** @return the image as PNG bytes (and releases the graphics) */
    byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
