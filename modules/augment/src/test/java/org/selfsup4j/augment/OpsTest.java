package org.selfsup4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;

/** Known answers for every augmentation, on synthetic images. */
class OpsTest extends ManagedTest {
    /** Each random op at p = 0 and at p = 1 (every op with a probability). */
    private static List<Augmentation[]> probabilistic() {
        return List.of(
                new Augmentation[] {new HorizontalFlip(0), new HorizontalFlip(1)},
                new Augmentation[] {new VerticalFlip(0), new VerticalFlip(1)},
                new Augmentation[] {new RandomAffine(30, 0.1, 0.8, 1.2, 10, 0), new RandomAffine(30, 0.1, 0.8, 1.2, 10, 1)},
                new Augmentation[] {new GaussianBlur(3, 0.5, 2, 0), new GaussianBlur(3, 0.5, 2, 1)},
                new Augmentation[] {new ColorJitter(0.4, 0.4, 0.4, 0.1, 0), new ColorJitter(0.4, 0.4, 0.4, 0.1, 1)},
                new Augmentation[] {new RandomGrayscale(0), new RandomGrayscale(1)},
                new Augmentation[] {new RandomGamma(0.5, 0.8, 0), new RandomGamma(0.5, 0.8, 1)},
                new Augmentation[] {new GaussianNoise(0.1, 0), new GaussianNoise(0.1, 1)},
                new Augmentation[] {new RandomErasing(0.1, 0.3, 0.3, 3.3, 0, false, 0),
                    new RandomErasing(0.1, 0.3, 0.3, 3.3, 0, false, 1)},
                new Augmentation[] {new Solarize(0.5, 0), new Solarize(0.5, 1)});
    }

    private float[] sample(float[] all, int n, int per) {
        return Arrays.copyOfRange(all, n * per, (n + 1) * per);
    }

    @Test
    void p0NeverChangesP1AlwaysChangesEverySampleAndValuesStayInRange() {
        NDArray rgb = m.randomUniform(0.05f, 0.95f, new Shape(12, 3, 16, 16));
        int per = 3 * 16 * 16;
        for (Augmentation[] pair : probabilistic()) {
            String name = pair[0].getClass().getSimpleName();
            for (long seed = 0; seed < 3; seed++) {
                NDArray off = pair[0].apply(rgb, new SplittableRandom(seed));
                assertArrayEquals(rgb.toFloatArray(), off.toFloatArray(), name + " p=0");
                float[] on = pair[1].apply(rgb, new SplittableRandom(seed)).toFloatArray();
                float[] x = rgb.toFloatArray();
                for (int n = 0; n < 12; n++) {
                    assertFalse(Arrays.equals(sample(x, n, per), sample(on, n, per)), name + " p=1 sample " + n);
                }
                for (float v : on) {
                    assertTrue(v >= 0f && v <= 1f, name + " out of range " + v);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameOutputAndTwinImagesGetDifferentParameters() {
        NDArray one = m.randomUniform(0.05f, 0.95f, new Shape(1, 3, 16, 16));
        NDArray twins = one.tile(new long[] {2, 1, 1, 1});
        int per = 3 * 16 * 16;
        for (Augmentation[] pair : probabilistic()) {
            Augmentation op = pair[1];
            String name = op.getClass().getSimpleName();
            float[] a = op.apply(twins, new SplittableRandom(7)).toFloatArray();
            assertArrayEquals(a, op.apply(twins, new SplittableRandom(7)).toFloatArray(), name);
            if (!(op instanceof HorizontalFlip || op instanceof VerticalFlip || op instanceof RandomGrayscale
                    || op instanceof Solarize)) {
                assertFalse(Arrays.equals(sample(a, 0, per), sample(a, 1, per)), name + " twins");
            }
        }
    }

    @Test
    void verticalFlipReversesAVerticalGradient() {
        float[] v = new float[2 * 5 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i / 3) % 5 + 1) / 6f;
        }
        NDArray x = m.create(v, new Shape(2, 1, 5, 3));
        float[] y = new VerticalFlip(1).apply(x, new SplittableRandom(1)).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            int row = (i / 3) % 5;
            assertEquals((4 - row + 1) / 6f, y[i], 0f);
        }
    }

    @Test
    void rotationBy90DegreesIsATransposeAndAFlip() {
        for (int side : new int[] {6, 7}) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, side, side));
            double[][] params = {{Math.PI / 2, 0, 0, 1, 0}, {-Math.PI / 2, 0, 0, 1, 0}};
            float[] y = RandomAffine.warp(x, params).toFloatArray();
            // counter-clockwise as displayed: out[y][x] = in[x][W-1-y]; clockwise: out[y][x] = in[H-1-x][y]
            NDArray ccw = x.get("0:1").transpose(0, 1, 3, 2).flip(2);
            NDArray cw = x.get("1:2").transpose(0, 1, 3, 2).flip(3);
            int per = 3 * side * side;
            assertArrayEquals(ccw.toFloatArray(), sample(y, 0, per), 1e-5f);
            assertArrayEquals(cw.toFloatArray(), sample(y, 1, per), 1e-5f);
            float[] in = x.toFloatArray();
            // hand check of one pixel: CCW output (row 0, col 0) reads input (row 0, col W-1)
            assertEquals(in[side - 1], y[0], 1e-5f);
        }
    }

    @Test
    void translationShiftsByWholePixelsWithZeroFillAndIdentityIsExact() {
        NDArray x = m.randomUniform(0.1f, 1f, new Shape(2, 1, 5, 6));
        float[] y = RandomAffine.warp(x, new double[][] {{0, 2, -1, 1, 0}, null}).toFloatArray();
        float[] in = x.toFloatArray();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 6; c++) {
                int sr = r + 1;
                int sc = c - 2;
                float expected = sr >= 0 && sr < 5 && sc >= 0 && sc < 6 ? in[sr * 6 + sc] : 0f;
                assertEquals(expected, y[r * 6 + c], 1e-6f, "(" + r + "," + c + ")");
            }
        }
        assertArrayEquals(sample(in, 1, 30), sample(y, 1, 30));
    }

    @Test
    void zoomAboutTheCentreMatchesHandComputedBilinear() {
        // s = 2 on a 1×4 row: output column x' reads source (x' − 1.5)/2 + 1.5 = 0.75, 1.25, 1.75, 2.25.
        NDArray x = m.create(new float[] {0f, 0.2f, 0.6f, 1f}, new Shape(1, 1, 1, 4));
        float[] y = RandomAffine.warp(x, new double[][] {{0, 0, 0, 2, 0}}).toFloatArray();
        // rows: source row (0 − 0)/2 + 0 = 0 exactly
        assertArrayEquals(new float[] {0.15f, 0.3f, 0.5f, 0.7f}, y, 1e-6f);
    }

    /** Direct 2-D convolution with a normalised Gaussian and reflect padding: the reference. */
    private static float[] blurReference(float[] x, int c, int h, int w, double sigma, int k) {
        int r = k / 2;
        double[] g = new double[k];
        double z = 0;
        for (int j = -r; j <= r; j++) {
            g[j + r] = Math.exp(-j * j / (2 * sigma * sigma));
            z += g[j + r];
        }
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double acc = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            int sy = reflect(y + dy, h);
                            int sx = reflect(xx + dx, w);
                            acc += g[dy + r] / z * g[dx + r] / z * x[(ch * h + sy) * w + sx];
                        }
                    }
                    out[(ch * h + y) * w + xx] = (float) acc;
                }
            }
        }
        return out;
    }

    private static int reflect(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    }

    @Test
    void blurEqualsDirectConvolutionWithReflectPadding() {
        int h = 9;
        int w = 7;
        NDArray x = m.randomUniform(0, 1, new Shape(3, 2, h, w));
        float[] sigma = {0.3f, 1.0f, 2.5f};
        for (int k : new int[] {3, 5, 7}) {
            float[] y = GaussianBlur.blur(x, sigma, k).toFloatArray();
            float[] in = x.toFloatArray();
            int per = 2 * h * w;
            for (int n = 0; n < 3; n++) {
                assertArrayEquals(blurReference(sample(in, n, per), 2, h, w, sigma[n], k), sample(y, n, per), 1e-5f,
                        "k=" + k + " sigma=" + sigma[n]);
            }
        }
        NDArray flat = m.full(new Shape(2, 1, 8, 8), 0.37f);
        assertArrayEquals(flat.toFloatArray(), new GaussianBlur(5, 0.1, 3, 1).apply(flat, new SplittableRandom(1))
                .toFloatArray(), 1e-6f);
        assertEquals(3, GaussianBlur.defaults().kernelFor(28));
        assertEquals(23, GaussianBlur.defaults().kernelFor(224));
        assertEquals("gaussian_blur.kernel_size: must be <= the image side 4, found 5",
                assertThrows(SelfsupException.class, () -> new GaussianBlur(5, 1, 1, 1)
                        .apply(m.zeros(new Shape(1, 1, 4, 4)), new SplittableRandom(1))).getMessage());
    }

    @Test
    void hueShiftsTurnPrimariesAndZeroShiftIsTheIdentity() {
        // pure red, pure green, a grey and an arbitrary colour
        NDArray x = m.create(new float[] {1, 0, 0.5f, 0.8f, 0, 1, 0.5f, 0.3f, 0, 0, 0.5f, 0.1f}, new Shape(1, 3, 1, 4));
        NDArray third = m.full(new Shape(1, 1, 1, 1), 1f / 3);
        float[] y = ColorJitter.shiftHue(x, third).toFloatArray();
        // red → green, green → blue, grey stays grey
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 0, 0.5f, 0, 1, 0.5f}, new float[] {y[0], y[1], y[2], y[4], y[5], y[6],
                y[8], y[9], y[10]}, 1e-5f);
        assertArrayEquals(x.toFloatArray(), ColorJitter.shiftHue(x, third.mul(0)).toFloatArray(), 1e-5f);
        NDArray back = ColorJitter.shiftHue(ColorJitter.shiftHue(x, third), third.neg());
        assertArrayEquals(x.toFloatArray(), back.toFloatArray(), 1e-5f);
    }

    @Test
    void brightnessScalesAndContrastKeepsTheMean() {
        NDArray x = m.randomUniform(0.4f, 0.6f, new Shape(6, 1, 8, 8));
        float[] in = x.toFloatArray();
        float[] b = new ColorJitter(0.5, 0, 0, 0, 1).apply(x, new SplittableRandom(3)).toFloatArray();
        float[] c = new ColorJitter(0, 0.4, 0, 0, 1).apply(x, new SplittableRandom(3)).toFloatArray();
        double[] factors = new double[6];
        for (int n = 0; n < 6; n++) {
            double f = b[n * 64] / in[n * 64];
            factors[n] = f;
            assertTrue(f >= 0.5 - 1e-6 && f <= 1.5 + 1e-6, "factor " + f);
            double mean = 0;
            double meanOut = 0;
            for (int i = 0; i < 64; i++) {
                assertEquals(f, b[n * 64 + i] / in[n * 64 + i], 1e-5, "one brightness factor per image");
                mean += in[n * 64 + i] / 64.0;
                meanOut += c[n * 64 + i] / 64.0;
            }
            assertEquals(mean, meanOut, 1e-5, "contrast keeps the mean");
            double k = (c[n * 64] - mean) / (in[n * 64] - mean);
            assertTrue(k >= 0.6 - 1e-4 && k <= 1.4 + 1e-4, "contrast factor " + k);
            for (int i = 1; i < 64; i++) {
                assertEquals(k * (in[n * 64 + i] - mean), c[n * 64 + i] - mean, 1e-5);
            }
        }
        assertTrue(Arrays.stream(factors).distinct().count() == 6, "per-image factors");
        // saturation and hue do nothing on one channel
        assertArrayEquals(in, new ColorJitter(0, 0, 0.9, 0.5, 1).apply(x, new SplittableRandom(3)).toFloatArray());
    }

    @Test
    void grayscaleIsTheLuminanceInEveryChannel() {
        NDArray x = m.create(new float[] {1, 0.5f, 0, 0.25f, 0, 1}, new Shape(1, 3, 1, 2));
        float[] y = new RandomGrayscale(1).apply(x, new SplittableRandom(1)).toFloatArray();
        float p0 = 0.299f * 1 + 0.587f * 0 + 0.114f * 0;
        float p1 = 0.299f * 0.5f + 0.587f * 0.25f + 0.114f * 1;
        assertArrayEquals(new float[] {p0, p1, p0, p1, p0, p1}, y, 1e-6f);
        NDArray g = m.randomUniform(0, 1, new Shape(2, 1, 4, 4));
        assertArrayEquals(g.toFloatArray(), new RandomGrayscale(1).apply(g, new SplittableRandom(1)).toFloatArray());
    }

    @Test
    void gammaIsOnePowerPerImage() {
        NDArray x = m.randomUniform(0.1f, 0.9f, new Shape(4, 1, 4, 4));
        float[] in = x.toFloatArray();
        float[] y = new RandomGamma(0.5, 2, 1).apply(x, new SplittableRandom(2)).toFloatArray();
        for (int n = 0; n < 4; n++) {
            double gamma = Math.log(y[n * 16]) / Math.log(in[n * 16]);
            assertTrue(gamma >= 0.5 - 1e-4 && gamma <= 2 + 1e-4);
            for (int i = 0; i < 16; i++) {
                assertEquals(Math.pow(in[n * 16 + i], gamma), y[n * 16 + i], 1e-5);
            }
        }
    }

    @Test
    void solarizeInvertsPixelsAtOrAboveTheThreshold() {
        NDArray x = m.create(new float[] {0.2f, 0.5f, 0.8f, 1f}, new Shape(1, 1, 1, 4));
        assertArrayEquals(new float[] {0.2f, 0.5f, 0.2f, 0f}, new Solarize(0.5, 1).apply(x, new SplittableRandom(1))
                .toFloatArray(), 1e-7f);
    }

    @Test
    void erasingFillsOneBoxOfTheRightSize() {
        NDArray x = m.full(new Shape(50, 1, 20, 20), 0.9f);
        float[] y = new RandomErasing(0.05, 0.2, 0.5, 2, 0.25, false, 1).apply(x, new SplittableRandom(4)).toFloatArray();
        for (int n = 0; n < 50; n++) {
            int top = 20;
            int bottom = -1;
            int left = 20;
            int right = -1;
            int erased = 0;
            for (int i = 0; i < 400; i++) {
                float v = y[n * 400 + i];
                assertTrue(v == 0.9f || v == 0.25f, "value " + v);
                if (v == 0.25f) {
                    erased++;
                    top = Math.min(top, i / 20);
                    bottom = Math.max(bottom, i / 20);
                    left = Math.min(left, i % 20);
                    right = Math.max(right, i % 20);
                }
            }
            assertTrue(erased > 0, "sample " + n + " erased");
            assertEquals((bottom - top + 1) * (right - left + 1), erased, "a solid rectangle");
            double fraction = erased / 400.0;
            assertTrue(fraction >= 0.03 && fraction <= 0.25, "area " + fraction);
        }
    }

    @Test
    void normalizeStandardisesPerChannelAndInverts() {
        NDArray x = m.create(new float[] {0.5f, 1f, 0.25f, 0f}, new Shape(1, 2, 1, 2));
        Normalize norm = new Normalize(List.of(0.5, 0.25), List.of(0.5, 0.25));
        float[] y = norm.apply(x, null).toFloatArray();
        assertArrayEquals(new float[] {0f, 1f, 0f, -1f}, y, 1e-6f);
        assertArrayEquals(x.toFloatArray(), norm.invert(norm.apply(x, null)).toFloatArray(), 1e-6f);
        assertEquals("normalize.mean: must be 1 or 2 values for 2-channel images, found 3",
                assertThrows(SelfsupException.class, () -> new Normalize(List.of(0.1, 0.2, 0.3), List.of(1.0, 1.0, 1.0))
                        .apply(x, null)).getMessage());
        assertThrows(SelfsupException.class, () -> new Normalize(List.of(0.1), List.of(0.0)));
    }

    @Test
    void smallCropsHaveTheRequestedSizeAndInterpolationRowsSumToOne() {
        NDArray x = m.randomUniform(0, 1, new Shape(5, 3, 28, 28));
        NDArray y = new RandomResizedCrop(0.05, 0.3, 0.75, 4.0 / 3, 12).apply(x, new SplittableRandom(1));
        assertEquals(new Shape(5, 3, 12, 12), y.getShape());
        NDArray r = RandomResizedCrop.interpolation(m.create(new float[] {3f, 0f}), m.create(new float[] {9f, 28f}), 28, 12);
        assertArrayEquals(new float[24], r.sum(new int[] {2}).sub(1f).abs().gt(1e-5f).toType(
                ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
    }

    @Test
    void badParametersAreCleanErrors() {
        assertEquals("kernel_size: must be 0 (auto) or an odd number >= 3, found 4",
                assertThrows(SelfsupException.class, () -> new GaussianBlur(4, 0.1, 2, 0.5)).getMessage());
        assertEquals("hue: must be in [0.0, 0.5], found 0.7",
                assertThrows(SelfsupException.class, () -> new ColorJitter(0.4, 0.4, 0.4, 0.7, 0.8)).getMessage());
        assertEquals("random_affine: input must be (N, C, H, W) with 1 or 3 channels, found (2, 2, 4, 4)",
                assertThrows(SelfsupException.class, () -> RandomAffine.defaults()
                        .apply(m.zeros(new Shape(2, 2, 4, 4)), new SplittableRandom(1))).getMessage());
    }
}
