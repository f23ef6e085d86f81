package org.selfsup4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file with the JDK's ImageIO (PNG, JPEG, BMP, GIF; the format is sniffed from the
 * content, not the name) into channels-first unsigned bytes.
 *
 * <p>Channels: a one-band (grey) image's samples are taken as they are (scaled to 8 bits); any other
 * image is read as sRGB, alpha dropped. {@code channels = 1} from colour uses PIL's luma,
 * {@code L = (299 R + 587 G + 114 B) / 1000} (integer division); {@code channels = 3} from grey
 * repeats the plane. Resizing ({@code size > 0}): the shorter side becomes {@code size} (the longer
 * {@code ⌊size·long/short⌋}) by separable triangle-filter resampling whose support widens with the
 * downscale factor (PIL's antialiased bilinear), then the centre {@code size×size} square is kept (top
 * and left offsets rounded); an image already of that size is not resampled. An image whose header
 * declares more than {@value #MAX_PIXELS} pixels is refused before decoding (PIL's decompression-bomb
 * limit).
 */
final class ImageDecoder {
    /** The largest image decoded, in pixels. */
    static final long MAX_PIXELS = 89_478_485L;

    /** An image that cannot be used, and why. */
    static final class BadImage extends Exception {
        BadImage(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * @param chw channels-first bytes
     * @param height H
     * @param width W
     */
    record Decoded(byte[] chw, int height, int width) {}

    private ImageDecoder() {}

    /**
     * @param file an image file
     * @return its {@code [width, height]} as its header declares them
     * @throws BadImage when it is not a readable image
     */
    static int[] size(Path file) throws BadImage {
        try (ImageInputStream in = open(file)) {
            ImageReader r = reader(in);
            try {
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new BadImage(reason(e));
        }
    }

    /**
     * @param file an image file
     * @param channels 1 or 3
     * @param size the output side (shorter-side resize and centre crop), or 0 to keep the image's size
     * @return the decoded image
     * @throws BadImage when it cannot be decoded
     */
    static Decoded decode(Path file, int channels, int size) throws BadImage {
        BufferedImage img;
        try (ImageInputStream in = open(file)) {
            ImageReader r = reader(in);
            try {
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new BadImage("a header that declares " + r.getWidth(0) + "×" + r.getHeight(0) + " pixels, more than "
                            + MAX_PIXELS + " (a decompression bomb?)");
                }
                img = r.read(0);
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new BadImage(reason(e));
        }
        int h = img.getHeight();
        int w = img.getWidth();
        byte[] chw = planes(img, channels);
        if (size > 0 && (h != size || w != size)) {
            int nh = h <= w ? size : (int) ((long) size * h / w);
            int nw = h <= w ? (int) ((long) size * w / h) : size;
            if (nh < 1 || nw < 1) {
                throw new BadImage("a " + w + "×" + h + " image, too thin to resize to " + size);
            }
            chw = resample(chw, channels, h, w, nh, nw);
            chw = crop(chw, channels, nh, nw, (int) Math.round((nh - size) / 2.0), (int) Math.round((nw - size) / 2.0), size);
            h = size;
            w = size;
        }
        return new Decoded(chw, h, w);
    }

    private static ImageInputStream open(Path file) throws IOException, BadImage {
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new BadImage("a file that cannot be opened");
        }
        return in;
    }

    private static ImageReader reader(ImageInputStream in) throws BadImage {
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        if (!it.hasNext()) {
            throw new BadImage("no PNG, JPEG, BMP or GIF content");
        }
        ImageReader r = it.next();
        r.setInput(in, true, true);
        return r;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "a file that is not readable (permission denied)";
        }
        String m = e.getMessage();
        return "content that cannot be decoded (" + e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": "
                + m.lines().findFirst().orElse("")) + ")";
    }

    private static byte[] planes(BufferedImage img, int channels) {
        int h = img.getHeight();
        int w = img.getWidth();
        int plane = h * w;
        byte[] out = new byte[channels * plane];
        Raster r = img.getRaster();
        boolean grey = r.getNumBands() <= 2 && !(img.getColorModel() instanceof IndexColorModel);
        if (grey) {
            int bits = img.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = bits == 8 ? row[x] : (int) Math.round(row[x] * 255.0 / max);
                    for (int c = 0; c < channels; c++) {
                        out[c * plane + y * w + x] = (byte) v;
                    }
                }
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int red = (argb[i] >> 16) & 0xFF;
            int green = (argb[i] >> 8) & 0xFF;
            int blue = argb[i] & 0xFF;
            if (channels == 1) {
                out[i] = (byte) ((red * 299 + green * 587 + blue * 114) / 1000);
            } else {
                out[i] = (byte) red;
                out[plane + i] = (byte) green;
                out[2 * plane + i] = (byte) blue;
            }
        }
        return out;
    }

    /** Separable triangle-filter resampling of every plane from {@code h×w} to {@code nh×nw}. */
    static byte[] resample(byte[] chw, int channels, int h, int w, int nh, int nw) {
        Filter fx = new Filter(w, nw);
        Filter fy = new Filter(h, nh);
        byte[] out = new byte[channels * nh * nw];
        float[] tmp = new float[h * nw];
        for (int c = 0; c < channels; c++) {
            int in = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < nw; x++) {
                    float s = 0;
                    for (int k = 0; k < fx.count[x]; k++) {
                        s += fx.weights[x][k] * (chw[in + y * w + fx.first[x] + k] & 0xFF);
                    }
                    tmp[y * nw + x] = s;
                }
            }
            int o = c * nh * nw;
            for (int y = 0; y < nh; y++) {
                for (int x = 0; x < nw; x++) {
                    float s = 0;
                    for (int k = 0; k < fy.count[y]; k++) {
                        s += fy.weights[y][k] * tmp[(fy.first[y] + k) * nw + x];
                    }
                    out[o + y * nw + x] = (byte) Math.max(0, Math.min(255, Math.round(s)));
                }
            }
        }
        return out;
    }

    private static byte[] crop(byte[] chw, int channels, int h, int w, int top, int left, int size) {
        byte[] out = new byte[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(chw, c * h * w + (top + y) * w + left, out, (c * size + y) * size, size);
            }
        }
        return out;
    }

    /** The normalised triangle-filter taps of each output position along one axis. */
    private static final class Filter {
        final int[] first;
        final int[] count;
        final float[][] weights;

        Filter(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(scale, 1.0);
            first = new int[out];
            count = new int[out];
            weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in, (int) Math.ceil(centre + support));
                double[] wts = new double[hi - lo];
                double total = 0;
                for (int j = lo; j < hi; j++) {
                    double t = Math.abs((j + 0.5 - centre) / support);
                    wts[j - lo] = Math.max(0, 1 - t);
                    total += wts[j - lo];
                }
                first[i] = lo;
                count[i] = hi - lo;
                weights[i] = new float[hi - lo];
                for (int j = 0; j < wts.length; j++) {
                    weights[i][j] = (float) (total > 0 ? wts[j] / total : 0);
                }
            }
        }
    }
}
