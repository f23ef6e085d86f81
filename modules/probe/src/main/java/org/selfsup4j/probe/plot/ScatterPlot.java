package org.selfsup4j.probe.plot;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;


/**
 * A 2-D scatter of points coloured by class (palette order, translucent so dense classes show through),
 * with a legend of class names to the right, drawn with XChart.
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
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int n = classes.length;
        chart.getStyler().setMarkerSize(n > 5000 ? 3 : n > 1000 ? 4 : 5);
        Color[] colors = new Color[names.size()];
        for (int c = 0; c < names.size(); c++) {
            Color p = Charts.PALETTE[c % Charts.PALETTE.length];
            colors[c] = new Color(p.getRed(), p.getGreen(), p.getBlue(), 170);
            int count = 0;
            for (int k : classes) {
                count += k == c ? 1 : 0;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            for (int i = 0, j = 0; i < n; i++) {
                if (classes[i] == c) {
                    x[j] = xy[2 * i];
                    y[j++] = xy[2 * i + 1];
                }
            }
            XYSeries series = chart.addSeries(names.get(c), count == 0 ? new double[] {Double.NaN} : x,
                    count == 0 ? new double[] {Double.NaN} : y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setSeriesColors(colors);
        return Charts.png(chart);
    }
}
