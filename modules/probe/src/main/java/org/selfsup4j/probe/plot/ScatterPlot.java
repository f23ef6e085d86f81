package org.selfsup4j.probe.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A 2-D scatter of points coloured by class (palette order), with a legend of class names to the right;
 * the axes span the points' range plus 3 %. Points are drawn in a fixed interleaved order (k·7919 mod n,
 * a permutation unless 7919 divides n) so no class paints over all others.
 */
public final class ScatterPlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;

    /**
     * @param title the title
     * @param xLabel the horizontal axis label
     * @param yLabel the vertical axis label
     */
    public ScatterPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * @param xy {@code (n, 2)} row-major coordinates
     * @param classes a class per point, in [0, names.size())
     * @param names the legend
     * @param width image width
     * @param height image height
     * @return the PNG
     */
    public byte[] png(double[] xy, int[] classes, List<String> names, int width, int height) {
        int n = classes.length;
        Canvas c = new Canvas(width, height, 60, 40, 150, 50);
        c.title(title);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        double padX = Math.max(1e-9, (maxX - minX) * 0.03);
        double padY = Math.max(1e-9, (maxY - minY) * 0.03);
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        double sx = (c.right - c.left) / (maxX - minX);
        double sy = (c.bottom - c.top) / (maxY - minY);
        c.xGrid(minX, maxX, 6);
        c.yGrid(minY, maxY, 6);
        c.textBelow(xLabel, (c.left + c.right) / 2.0, c.bottom + 22);
        c.textVertical(yLabel, 16, (c.top + c.bottom) / 2.0);
        double r = n > 5000 ? 1.3 : n > 1000 ? 1.8 : 2.5;
        for (int k = 0; k < n; k++) {
            int i = n % 7919 == 0 ? k : (int) ((long) k * 7919 % n);
            Color col = Canvas.PALETTE[classes[i] % Canvas.PALETTE.length];
            c.g.setColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 170));
            double x = c.left + (xy[2 * i] - minX) * sx;
            double y = c.bottom - (xy[2 * i + 1] - minY) * sy;
            c.g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
        c.frame();
        for (int k = 0; k < names.size(); k++) {
            double y = c.top + 10 + k * 20;
            c.g.setColor(Canvas.PALETTE[k % Canvas.PALETTE.length]);
            c.g.fill(new Rectangle2D.Double(c.right + 12, y - 6, 12, 12));
            c.text(names.get(k), c.right + 30, y, Canvas.INK);
        }
        return c.png();
    }
}
