package org.selfsup4j.probe.plot;

import java.awt.BasicStroke;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of (x, y) points on linear axes spanning all series (y padded by 5 %), e.g. loss and learning
 * rate per step or probe accuracy per epoch; a legend appears above the plot when there are two or more
 * series. Non-finite points are skipped (the line breaks there).
 *
 * <pre>{@code
 * byte[] png = new LineChart("loss", "step", "loss").series("train", steps, losses).png(720, 300);
 * }</pre>
 */
public final class LineChart {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> xs = new ArrayList<>();
    private final List<double[]> ys = new ArrayList<>();

    /**
     * @param title the title
     * @param xLabel the horizontal axis label
     * @param yLabel the vertical axis label
     */
    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * @param name legend entry
     * @param x abscissae
     * @param y ordinates, as many
     * @return this
     */
    public LineChart series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("as many x as y, found " + x.length + " and " + y.length);
        }
        names.add(name);
        xs.add(x.clone());
        ys.add(y.clone());
        return this;
    }

    /**
     * @param width image width
     * @param height image height
     * @return the PNG
     */
    public byte[] png(int width, int height) {
        Canvas c = new Canvas(width, height, 70, names.size() > 1 ? 56 : 36, 20, 46);
        c.title(title);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < xs.size(); s++) {
            for (int i = 0; i < xs.get(s).length; i++) {
                double x = xs.get(s)[i];
                double y = ys.get(s)[i];
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double pad = maxY > minY ? (maxY - minY) * 0.05 : Math.max(Math.abs(maxY) * 0.05, 1e-9);
        minY -= pad;
        maxY += pad;
        double sx = (c.right - c.left) / (maxX - minX);
        double sy = (c.bottom - c.top) / (maxY - minY);
        c.xGrid(minX, maxX, 8);
        c.yGrid(minY, maxY, 5);
        c.textBelow(xLabel, (c.left + c.right) / 2.0, c.bottom + 22);
        c.textVertical(yLabel, 16, (c.top + c.bottom) / 2.0);
        c.g.setStroke(new BasicStroke(1.6f));
        for (int s = 0; s < xs.size(); s++) {
            c.g.setColor(Canvas.PALETTE[s % Canvas.PALETTE.length]);
            Path2D.Double path = new Path2D.Double();
            boolean open = false;
            int points = 0;
            for (int i = 0; i < xs.get(s).length; i++) {
                double x = xs.get(s)[i];
                double y = ys.get(s)[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    open = false;
                    continue;
                }
                double px = c.left + (x - minX) * sx;
                double py = c.bottom - (y - minY) * sy;
                if (open) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    open = true;
                }
                points++;
                if (xs.get(s).length <= 50) {
                    c.g.fill(new Rectangle2D.Double(px - 2, py - 2, 4, 4));
                }
            }
            if (points > 0) {
                c.g.draw(path);
            }
        }
        c.frame();
        if (names.size() > 1) {
            c.legend(names, 36, 4);
        }
        return c.png();
    }
}
