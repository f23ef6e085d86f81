package org.selfsup4j.probe.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The house style shared by {@link BarChart}, {@link LineChart} and {@link ScatterPlot}: white
 * background, light grid, the ten-colour categorical palette (matplotlib's tab10), sans-serif text, and
 * PNG encoding through XChart's bitmap encoder (headless Java2D).
 */
final class Charts {
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {}

    /** Applies the house style to a chart's styler. */
    static void style(Styler s) {
        System.setProperty("java.awt.headless", "true");
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0x222222));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.WHITE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
    }

    /**
     * @param chart a chart
     * @return its PNG bytes
     */
    static byte[] png(Chart<?, ?> chart) {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
