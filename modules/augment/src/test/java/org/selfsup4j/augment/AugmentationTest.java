package org.selfsup4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.junit.jupiter.api.Test;

class AugmentationTest extends ManagedTest {
    /** A horizontal gradient: pixel (n, c, y, x) = (x + 1) / (W + 1) + n / 100. */
    private NDArray gradient(int n, int c, int h, int w) {
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            int x = i % w;
            int s = i / (c * h * w);
            v[i] = (x + 1f) / (w + 1f) + s / 100f;
        }
        return m.create(v, new Shape(n, c, h, w));
    }

    @Test
    void flipWithP1ReversesTheGradientAndP0KeepsIt() {
        NDArray x = gradient(3, 2, 4, 5);
        float[] flipped = new HorizontalFlip(1).apply(x, new SplittableRandom(1)).toFloatArray();
        float[] orig = x.toFloatArray();
        for (int i = 0; i < orig.length; i++) {
            int col = i % 5;
            assertEquals(orig[i - col + (4 - col)], flipped[i], 0f);
        }
        assertArrayEquals(orig, new HorizontalFlip(0).apply(x, new SplittableRandom(1)).toFloatArray());
    }

    @Test
    void cropOfScaleOneAndRatioOneIsTheIdentity() {
        NDArray x = gradient(4, 1, 6, 6);
        NDArray y = new RandomResizedCrop(1, 1, 1, 1).apply(x, new SplittableRandom(3));
        assertArrayEquals(x.toFloatArray(), y.toFloatArray(), 1e-6f);
    }

    @Test
    void cropMatchesHandComputedBilinear() {
        // Box rows 1..2 (h = 2) resized to 4 rows: source y = 1 + (o + 0.5)·2/4 − 0.5 = 0.75, 1.25, 1.75, 2.25.
        float[] dst = RandomResizedCrop.interpolation(m.create(new float[] {1}), m.create(new float[] {2}), 4, 4)
                .toFloatArray();
        float[][] expected = {{0.25f, 0.75f, 0, 0}, {0, 0.75f, 0.25f, 0}, {0, 0.25f, 0.75f, 0}, {0, 0, 0.75f, 0.25f}};
        for (int o = 0; o < 4; o++) {
            assertArrayEquals(expected[o], Arrays.copyOfRange(dst, o * 4, o * 4 + 4), 1e-6f);
        }
    }

    @Test
    void cropBoxesStayInsideAndKeepValuesInRange() {
        RandomResizedCrop crop = RandomResizedCrop.defaults();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            double[] b = crop.sampleBox(28, 28, rng);
            assertTrue(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= 28 && b[1] + b[3] <= 28, Arrays.toString(b));
            double area = b[2] * b[3] / (28.0 * 28.0);
            assertTrue(area >= 0.15 && area <= 1.0, "area " + area);
        }
        NDArray x = m.randomUniform(0, 1, new Shape(16, 3, 28, 20));
        NDArray y = new Pipeline(List.of(crop, new GaussianNoise(0.5, 1))).apply(x, new SplittableRandom(9));
        assertEquals(x.getShape(), y.getShape());
        assertTrue(y.min().getFloat() >= 0f && y.max().getFloat() <= 1f);
    }

    @Test
    void noiseWithP0NeverChangesAndWithP1AlwaysChanges() {
        NDArray x = m.full(new Shape(8, 1, 5, 5), 0.5f);
        assertArrayEquals(x.toFloatArray(), new GaussianNoise(0.1, 0).apply(x, new SplittableRandom(2)).toFloatArray());
        float[] y = new GaussianNoise(0.1, 1).apply(x, new SplittableRandom(2)).toFloatArray();
        for (int s = 0; s < 8; s++) {
            boolean changed = false;
            for (int i = 0; i < 25; i++) {
                changed |= y[s * 25 + i] != 0.5f;
            }
            assertTrue(changed, "sample " + s);
        }
    }

    @Test
    void viewsAreReproducibleAndDifferAcrossViewsStepsAndSamples() {
        MultiView views = ViewsSpec.defaults().build();
        NDArray x = m.randomUniform(0, 1, new Shape(6, 1, 28, 28));
        NDArray same = x.duplicate();
        NDList a = views.apply(x, new SeedTree(11), 5);
        NDList b = views.apply(same, new SeedTree(11), 5);
        NDList c = views.apply(x, new SeedTree(11), 6);
        assertEquals(2, a.size());
        assertEquals(new Shape(6, 1, 28, 28), a.get(0).getShape());
        assertArrayEquals(a.get(0).toFloatArray(), b.get(0).toFloatArray());
        assertArrayEquals(a.get(1).toFloatArray(), b.get(1).toFloatArray());
        assertFalse(Arrays.equals(a.get(0).toFloatArray(), a.get(1).toFloatArray()));
        assertFalse(Arrays.equals(a.get(0).toFloatArray(), c.get(0).toFloatArray()));
        // Same input image twice in a batch: different per-sample parameters give different crops.
        NDArray twin = m.create(new float[2 * 784], new Shape(2, 1, 28, 28)).add(x.get("0:1"));
        float[] t = new RandomResizedCrop(0.2, 0.5, 0.75, 1.33).apply(twin, new SplittableRandom(4)).toFloatArray();
        assertFalse(Arrays.equals(Arrays.copyOfRange(t, 0, 784), Arrays.copyOfRange(t, 784, 1568)));
    }

    @Test
    void badParametersAreCleanErrors() {
        assertEquals("p: must be in [0.0, 1.0], found 1.5",
                assertThrows(SelfsupException.class, () -> new HorizontalFlip(1.5)).getMessage());
        assertEquals("scale_max: must be ordered as [low, high], found [0.9, 0.5]",
                assertThrows(SelfsupException.class, () -> new RandomResizedCrop(0.9, 0.5, 1, 1)).getMessage());
    }
}
