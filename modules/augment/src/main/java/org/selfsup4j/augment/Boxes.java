package org.selfsup4j.augment;

import java.util.SplittableRandom;

/**
 * Random boxes of a given area fraction and aspect ratio, as torchvision draws them for random
 * resized crops and random erasing: up to 10 tries of area {@code s·H·W}, {@code s ~ U(scale)}, and
 * ratio {@code w/h = exp(U(log ratio))}, rounded to whole pixels, placed uniformly where it fits.
 */
final class Boxes {
    private Boxes() {}

    /**
     * @param h image height
     * @param w image width
     * @param scaleMin smallest area fraction
     * @param scaleMax largest area fraction
     * @param ratioMin smallest ratio w/h
     * @param ratioMax largest ratio w/h
     * @param strict whether a box must be strictly smaller than the image on both sides (erasing)
     * @param rng the stream
     * @return {@code [top, left, height, width]} in pixels, or {@code null} when 10 tries all failed
     */
    static double[] sample(int h, int w, double scaleMin, double scaleMax, double ratioMin, double ratioMax,
            boolean strict, SplittableRandom rng) {
        double area = (double) h * w;
        double logLo = Math.log(ratioMin);
        double logHi = Math.log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (scaleMin + (scaleMax - scaleMin) * rng.nextDouble());
            double ratio = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
            long cw = Math.round(Math.sqrt(target * ratio));
            long ch = Math.round(Math.sqrt(target / ratio));
            boolean fits = strict ? cw > 0 && cw < w && ch > 0 && ch < h : cw > 0 && cw <= w && ch > 0 && ch <= h;
            if (fits) {
                int top = rng.nextInt((int) (h - ch) + 1);
                int left = rng.nextInt((int) (w - cw) + 1);
                return new double[] {top, left, ch, cw};
            }
        }
        return null;
    }
}
