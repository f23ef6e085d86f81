package org.selfsup4j.probe.plot;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * A horizontal grouped bar chart with error bars, e.g. benchmark accuracies: one group per row
 * (recipe), one bar per series (linear probe, kNN), bar length = mean, whisker = ± one standard deviation.
 * The value axis spans [{@code min}, {@code max}]; bars start at {@code min} (use a truncated axis only
 * when all values lie well above it, and say so in the axis label).
 *
 * <pre>{@code
 * byte[] png = new BarChart("fashion-mnist", "test top-1 accuracy (%)", 60, 100)
 *         .series("linear probe").series("kNN")
 *         .row("simclr", new double[] {85.1, 80.2}, new double[] {0.3, 0.5})
 *         .png(900);
 * }</pre>
 */
public final class BarChart {
    private static final int ROW_HEIGHT = 28;
    private final String title;
    private final String axis;
    private final double min;
    private final double max;
    private final List<String> series = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<double[]> means = new ArrayList<>();
    private final List<double[]> stds = new ArrayList<>();

    /**
     * @param title the title above the chart
     * @param axis the value axis label
     * @param min the axis start (where bars start)
     * @param max the axis end
     */
    public BarChart(String title, String axis, double min, double max) {
        if (!(max > min)) {
            throw SelfsupException.of("bar chart", "axis", "max > min", min + " .. " + max, null);
        }
        this.title = title;
        this.axis = axis;
        this.min = min;
        this.max = max;
    }

    /**
     * Adds a series (a bar in every group), coloured from the palette in order.
     *
     * @param name the legend entry
     * @return this
     */
    public BarChart series(String name) {
        if (!labels.isEmpty()) {
            throw new IllegalStateException("series must be declared before rows");
        }
        series.add(name);
        return this;
    }

    /**
     * Adds a group.
     *
     * @param label the row label
     * @param mean one value per series ({@code NaN}: no bar)
     * @param std one standard deviation per series ({@code NaN} or 0: no whisker)
     * @return this
     */
    public BarChart row(String label, double[] mean, double[] std) {
        if (mean.length != series.size() || std.length != series.size()) {
            throw SelfsupException.of("bar chart", "row '" + label + "'", series.size() + " values per series",
                    mean.length + " and " + std.length, null);
        }
        labels.add(label);
        means.add(mean.clone());
        stds.add(std.clone());
        return this;
    }

    /**
     * @param width image width in pixels; the height follows from the number of rows
     * @return the chart as PNG bytes
     */
    public byte[] png(int width) {
        int legend = 24;
        int height = 60 + legend + 40 + Math.max(1, labels.size()) * ROW_HEIGHT;
        int labelWidth = 20 + labels.stream().mapToInt(String::length).max().orElse(4) * 7;
        Canvas c = new Canvas(width, height, labelWidth, 60 + legend, 30, 40);
        c.title(title);
        double scale = (c.right - c.left) / (max - min);
        c.xGrid(min, max, 8);
        c.textBelow(axis, (c.left + c.right) / 2.0, c.bottom + 20);
        c.legend(series, 55, 14);
        double bar = (ROW_HEIGHT - 8.0) / Math.max(1, series.size());
        for (int r = 0; r < labels.size(); r++) {
            double y0 = c.top + r * ROW_HEIGHT + 4;
            c.textRight(labels.get(r), c.left - 6, y0 + (ROW_HEIGHT - 8) / 2.0);
            for (int s = 0; s < series.size(); s++) {
                double m = means.get(r)[s];
                if (Double.isNaN(m)) {
                    continue;
                }
                double x1 = c.left + (Math.min(Math.max(m, min), max) - min) * scale;
                double y = y0 + s * bar;
                c.g.setColor(Canvas.PALETTE[s % Canvas.PALETTE.length]);
                c.g.fill(new Rectangle2D.Double(c.left, y, x1 - c.left, bar - 1));
                double sd = stds.get(r)[s];
                if (sd > 0) {
                    double lo = c.left + (Math.max(m - sd, min) - min) * scale;
                    double hi = c.left + (Math.min(m + sd, max) - min) * scale;
                    double mid = y + (bar - 1) / 2;
                    c.g.setColor(Canvas.INK);
                    c.g.draw(new Line2D.Double(lo, mid, hi, mid));
                    c.g.draw(new Line2D.Double(lo, mid - 3, lo, mid + 3));
                    c.g.draw(new Line2D.Double(hi, mid - 3, hi, mid + 3));
                }
            }
        }
        c.frame();
        c.g.setColor(Color.BLACK);
        return c.png();
    }
}
