package org.selfsup4j.probe.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;


/**
 * Lines of (x, y) points on linear axes spanning all series, e.g. loss and learning rate per step or
 * probe accuracy per epoch, drawn with XChart; a legend appears below the plot when there are two or
 * more series. Non-finite points are skipped (the line breaks there).
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
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(names.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        boolean any = false;
        for (int s = 0; s < names.size(); s++) {
            double[] y = ys.get(s).clone();
            double[] x = xs.get(s);
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    y[i] = Double.NaN; // XChart breaks the line at NaN
                } else {
                    any = true;
                }
            }
            XYSeries series = chart.addSeries(names.get(s), x, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        if (!any) {
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        }
        return Charts.png(chart);
    }
}
