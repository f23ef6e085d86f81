package org.selfsup4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-channel mean and standard deviation of a set's pixels in [0, 1]:
 * {@code mean_c = Σ x / n}, {@code std_c = sqrt(Σ x² / n − mean_c²)} (population), over every pixel of
 * channel {@code c} of every image, summed exactly in integers.
 *
 * @param mean one value per channel
 * @param std one value per channel
 */
public record ChannelStats(List<Double> mean, List<Double> std) {
    /** Copies. */
    public ChannelStats {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /**
     * @param set the images
     * @return their per-channel statistics
     */
    public static ChannelStats of(ImageSet set) {
        long[] sum = new long[set.channels()];
        long[] sq = new long[set.channels()];
        byte[] one = new byte[set.imageSize()];
        for (int i = 0; i < set.size(); i++) {
            set.buffer().get(i, one, 0);
            accumulate(one, set.height() * set.width(), sum, sq);
        }
        return of(sum, sq, (double) set.size() * set.height() * set.width());
    }

    /**
     * Adds one channels-first image to running per-channel sums of values and of squared values.
     *
     * @param record the image's bytes
     * @param plane pixels per channel, {@code H·W}
     * @param sum per-channel sums, updated
     * @param sq per-channel sums of squares, updated
     */
    static void accumulate(byte[] record, int plane, long[] sum, long[] sq) {
        for (int c = 0; c < sum.length; c++) {
            long s = 0;
            long q = 0;
            for (int j = c * plane, end = j + plane; j < end; j++) {
                int v = record[j] & 0xFF;
                s += v;
                q += v * v;
            }
            sum[c] += s;
            sq[c] += q;
        }
    }

    /**
     * @param sum per-channel sums of byte values
     * @param sq per-channel sums of their squares
     * @param n values per channel
     * @return the statistics in [0, 1] units (zeros when {@code n} is 0)
     */
    static ChannelStats of(long[] sum, long[] sq, double n) {
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int c = 0; c < sum.length; c++) {
            double m = n == 0 ? 0 : sum[c] / n;
            mean.add(m / 255);
            std.add(n == 0 ? 0 : Math.sqrt(Math.max(0, sq[c] / n - m * m)) / 255);
        }
        return new ChannelStats(mean, std);
    }

    /** @return the statistics rounded to 4 decimals, as normalisation constants are usually quoted */
    public ChannelStats rounded() {
        return new ChannelStats(mean.stream().map(ChannelStats::round).toList(), std.stream().map(ChannelStats::round)
                .toList());
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
