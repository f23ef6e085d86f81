package org.selfsup4j.probe.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.selfsup4j.core.SelfsupException;


/**
 * A grouped bar chart with error bars, e.g. benchmark accuracies, drawn with XChart: one group per row
 * (recipe, labelled under the axis), one bar per series (linear probe, kNN), bar height = mean, whisker =
 * ± one standard deviation. The value axis spans [{@code min}, {@code max}]; bars start at {@code min}
 * (use a truncated axis only when all values lie well above it, and say so in the axis label); a missing
 * value draws no bar.
 *
 * <pre>{@code
 * byte[] png = new BarChart("fashion-mnist", "test top-1 accuracy (%)", 60, 100)
 *         .series("linear probe").series("kNN")
 *         .row("simclr", new double[] {85.1, 80.2}, new double[] {0.3, 0.5})
 *         .png(900);
 * }</pre>
 */
public final class BarChart {
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
        int labelHeight = 12 + 7 * labels.stream().mapToInt(String::length).max().orElse(4);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(340 + labelHeight).title(title)
                .yAxisTitle(axis).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setErrorBarsColor(new Color(0x222222));
        chart.getStyler().setAvailableSpaceFill(0.8);
        List<String> x = labels.isEmpty() ? List.of(" ") : labels;
        for (int s = 0; s < series.size(); s++) {
            List<Double> mean = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (int r = 0; r < x.size(); r++) {
                double m = labels.isEmpty() ? Double.NaN : means.get(r)[s];
                double sd = labels.isEmpty() ? 0 : stds.get(r)[s];
                // a missing value is a bar of zero length at the axis minimum; bars are clipped to the axis
                mean.add(Double.isNaN(m) ? min : Math.min(Math.max(m, min), max));
                err.add(Double.isFinite(sd) && !Double.isNaN(m) ? sd : 0.0);
            }
            chart.addSeries(series.get(s), x, mean, err);
        }
        return Charts.png(chart);
    }
}
