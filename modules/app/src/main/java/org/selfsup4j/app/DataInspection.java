package org.selfsup4j.app;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.data.ChannelStats;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Splits;

/**
 * {@code selfsup data inspect}: what a data section finds — format and folder, image shape, each
 * split's count and whether it is labelled, the classes with their train/test counts, per-channel mean
 * and std of the pretraining split, the files skipped and why, the content fingerprint — and a sample
 * grid PNG: a row per class (up to {@value #MAX_ROWS}) of its first {@value #COLUMNS} training images,
 * named at the left, or the first images of an unlabelled set.
 */
public final class DataInspection {
    static final int COLUMNS = 8;
    static final int MAX_ROWS = 16;
    private static final int TILE = 72;
    private static final int LABEL = 150;

    private DataInspection() {}

    /**
     * Loads the data (decoding it into the cache if it is the first time), summarises it and writes the
     * grid.
     *
     * @param spec the data section
     * @param grid where the sample grid PNG goes, or {@code null} for none
     * @return the summary, a line per element
     */
    public static List<String> run(DataSpec spec, Path grid) {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(text);
        if (grid != null) {
            RunDirectory.checkWritable(grid.toAbsolutePath().getParent());
        }
        Splits s = spec.load();
        ChannelStats stats = s.stats(spec.pretrainSplit()).rounded();
        out.printf(Locale.ROOT, "dataset      %s (%s)%n", spec.dataset(), s.dir());
        out.printf(Locale.ROOT, "images       %s (C×H×W)%n", s.imageShape().stream().map(String::valueOf)
                .collect(Collectors.joining("×")));
        out.printf(Locale.ROOT, "splits       %s%n", s.names().stream().map(n -> n + " " + s.split(n).size()
                + (s.split(n).labelled() ? " labelled" : " unlabelled")).collect(Collectors.joining(", ")));
        Map<String, String> classes = classCounts(s);
        out.printf(Locale.ROOT, "classes      %d%s%n", s.classNames().size(), classes.isEmpty() ? " (no labels)"
                : " (name: train/test)");
        classes.forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %s%n", k, v));
        out.printf(Locale.ROOT, "mean, std    %s, %s (%s split, per channel, pixels in [0, 1])%n", stats.mean(), stats.std(),
                spec.pretrainSplit());
        out.printf(Locale.ROOT, "skipped      %s%n", s.skipped().isEmpty() ? "none" : s.skipped().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "fingerprint  %s%n", s.fingerprint());
        if (grid != null) {
            RunDirectory.writeAtomically(grid, grid(s));
            out.printf(Locale.ROOT, "sample grid  %s%n", grid);
        }
        out.flush();
        return text.toString().lines().toList();
    }

    private static Map<String, String> classCounts(Splits s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!s.train().labelled()) {
            return out;
        }
        int k = s.classNames().size();
        int[] train = new int[k];
        int[] test = new int[k];
        for (int y : s.train().labels()) {
            train[y]++;
        }
        if (s.test() != null) {
            for (int y : s.test().labels()) {
                test[y]++;
            }
        }
        for (int c = 0; c < k; c++) {
            out.put(s.classNames().get(c), train[c] + "/" + test[c]);
        }
        return out;
    }

    /**
     * @param s the data
     * @return a PNG of sample training images, a row per class named at the left
     */
    static byte[] grid(Splits s) {
        ImageSet train = s.train();
        List<int[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (train.labelled()) {
            int k = Math.min(s.classNames().size(), MAX_ROWS);
            for (int c = 0; c < k; c++) {
                List<Integer> picks = new ArrayList<>();
                for (int i = 0; i < train.size() && picks.size() < COLUMNS; i++) {
                    if (train.label(i) == c) {
                        picks.add(i);
                    }
                }
                rows.add(picks.stream().mapToInt(Integer::intValue).toArray());
                names.add(s.classNames().get(c));
            }
        } else {
            for (int r = 0; r * COLUMNS < Math.min(train.size(), COLUMNS * COLUMNS); r++) {
                int from = r * COLUMNS;
                rows.add(java.util.stream.IntStream.range(from, Math.min(train.size(), from + COLUMNS)).toArray());
                names.add("");
            }
        }
        int label = train.labelled() ? LABEL : 0;
        BufferedImage img = new BufferedImage(label + COLUMNS * (TILE + 4) + 4, rows.size() * (TILE + 4) + 4,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, train.height() < TILE
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        byte[] one = new byte[train.imageSize()];
        for (int r = 0; r < rows.size(); r++) {
            int y = 4 + r * (TILE + 4);
            g.setColor(Color.BLACK);
            String name = names.get(r);
            g.drawString(name.length() > 20 ? name.substring(0, 19) + "…" : name, 6, y + TILE / 2 + 5);
            for (int j = 0; j < rows.get(r).length; j++) {
                train.buffer().get(rows.get(r)[j], one, 0);
                g.drawImage(tile(one, train.channels(), train.height(), train.width()), label + 4 + j * (TILE + 4), y, TILE,
                        TILE, null);
            }
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static BufferedImage tile(byte[] chw, int c, int h, int w) {
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int r = chw[i] & 0xFF;
                int gr = c == 3 ? chw[plane + i] & 0xFF : r;
                int b = c == 3 ? chw[2 * plane + i] & 0xFF : r;
                t.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return t;
    }
}
