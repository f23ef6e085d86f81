package org.selfsup4j.mae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.augment.Pipeline;
import org.selfsup4j.core.GcStress;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.Patches;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.encoders.VitSpec;
import org.junit.jupiter.api.Test;

/** MAE: masking, the gathers, the loss against hand computations, visible-only encoding, overfitting. */
class MaeTest extends ManagedTest {
    private static final Shape INPUT = new Shape(1, 1, 28, 28);

    @Test
    void everyImageHidesExactlyTheRatioOfItsPatches() {
        PatchMask mask = PatchMask.random(64, 49, 0.75, new SplittableRandom(1));
        assertEquals(12, mask.kept());
        assertEquals(37, mask.masked());
        float[] a = mask.maskArray(m).toFloatArray();
        for (int n = 0; n < 64; n++) {
            int hidden = 0;
            for (int t = 0; t < 49; t++) {
                hidden += (int) a[n * 49 + t];
                assertEquals(mask.isMasked(n, t) ? 1f : 0f, a[n * 49 + t]);
            }
            assertEquals(37, hidden, "image " + n);
            int[] perm = Arrays.copyOfRange(mask.permutation(), n * 49, n * 49 + 49);
            Arrays.sort(perm);
            for (int t = 0; t < 49; t++) {
                assertEquals(t, perm[t], "a permutation");
            }
        }
        assertEquals(16 - 4, PatchMask.random(2, 16, 0.75, new SplittableRandom(0)).masked());
        assertEquals(25, PatchMask.random(2, 49, 0.5, new SplittableRandom(0)).masked()); // round(24.5) = 25 hidden
        assertThrows(SelfsupException.class, () -> PatchMask.keptCount(16, 0.99));
        assertThrows(SelfsupException.class, () -> PatchMask.keptCount(16, 0.01));
    }

    @Test
    void masksDifferAcrossImagesAndStepsAndRepeatUnderTheSameSeed() {
        SeedTree seeds = new SeedTree(7);
        PatchMask a = PatchMask.random(32, 49, 0.75, seeds.stream("mask/step-3"));
        PatchMask b = PatchMask.random(32, 49, 0.75, new SeedTree(7).stream("mask/step-3"));
        PatchMask c = PatchMask.random(32, 49, 0.75, seeds.stream("mask/step-4"));
        assertArrayEquals(a.permutation(), b.permutation());
        assertFalse(Arrays.equals(a.permutation(), c.permutation()));
        float[] arr = a.maskArray(m).toFloatArray();
        long distinct = java.util.stream.IntStream.range(0, 32)
                .mapToObj(n -> Arrays.toString(Arrays.copyOfRange(arr, n * 49, n * 49 + 49))).distinct().count();
        assertEquals(32, distinct, "every image has its own mask");
        // over many images every position is hidden about 75 % of the time
        PatchMask big = PatchMask.random(4000, 49, 0.75, new SplittableRandom(3));
        float[] h = big.maskArray(m).sum(new int[] {0}).div(4000f).toFloatArray();
        for (float f : h) {
            assertEquals(37 / 49.0, f, 0.03);
        }
    }

    @Test
    void keptAndRestoreRowsGatherAndUngatherTokensAsLoopsDo() {
        int n = 3;
        int t = 8;
        PatchMask mask = PatchMask.random(n, t, 0.75, new SplittableRandom(5));
        int k = mask.kept();
        NDArray tokens = m.arange(n * t * 2).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(n, t, 2);
        NDArray kept = tokens.reshape(n * t, 2).get(mask.keptRows(m)).reshape(n, k, 2);
        float[] tk = tokens.toFloatArray();
        float[] kv = kept.toFloatArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int pos = mask.permutation()[i * t + j];
                assertFalse(mask.isMasked(i, pos));
                assertEquals(tk[(i * t + pos) * 2], kv[(i * k + j) * 2]);
            }
        }
        // [kept tokens, then -1 placeholders] restored to patch order: visible keep their token, hidden get -1
        NDArray fill = m.full(new Shape(n, t - k, 2), -1f);
        NDArray restored = kept.concat(fill, 1).reshape(n * t, 2).get(mask.restoreRows(m)).reshape(n, t, 2);
        float[] r = restored.toFloatArray();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < t; p++) {
                float expect = mask.isMasked(i, p) ? -1f : tk[(i * t + p) * 2];
                assertEquals(expect, r[(i * t + p) * 2], "image " + i + " patch " + p);
            }
        }
    }

    @Test
    void lossIsTheMeanSquaredErrorOverHiddenPatchesOnly() {
        Random r = new Random(2);
        int n = 2;
        int t = 4;
        int p = 3;
        float[] pred = new float[n * t * p];
        float[] target = new float[n * t * p];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = (float) r.nextGaussian();
            target[i] = (float) r.nextGaussian();
        }
        float[] mask = {1, 0, 1, 0, 0, 1, 1, 1};
        double sum = 0;
        for (int i = 0; i < n * t; i++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                e += Math.pow(pred[i * p + j] - target[i * p + j], 2);
            }
            sum += mask[i] * e / p;
        }
        NDArray maskArr = m.create(mask, new Shape(n, t));
        NDArray tgt = m.create(target, new Shape(n, t, p));
        float loss = MaskedAutoencoder.loss(m.create(pred, new Shape(n, t, p)), tgt, maskArr).getFloat();
        assertEquals(sum / 5, loss, 1e-5);
        // predictions on visible patches do not matter; on hidden ones they do
        float[] visibleChanged = pred.clone();
        float[] hiddenChanged = pred.clone();
        for (int j = 0; j < p; j++) {
            visibleChanged[1 * p + j] += 10f;
            hiddenChanged[2 * p + j] += 10f;
        }
        assertEquals(loss, MaskedAutoencoder.loss(m.create(visibleChanged, new Shape(n, t, p)), tgt, maskArr).getFloat(), 1e-6);
        assertNotEquals(loss, MaskedAutoencoder.loss(m.create(hiddenChanged, new Shape(n, t, p)), tgt, maskArr).getFloat(), 1e-3);
    }

    @Test
    void normalisedTargetsUseEachPatchsMeanAndUnbiasedDeviation() {
        float[] patch = {0f, 1f, 2f, 5f};
        NDArray out = MaskedAutoencoder.target(m.create(patch, new Shape(1, 1, 4)), true);
        double mean = 2;
        double var = (4 + 1 + 0 + 9) / 3.0;
        float[] got = out.toFloatArray();
        for (int i = 0; i < 4; i++) {
            assertEquals((patch[i] - mean) / Math.sqrt(var + 1e-6), got[i], 1e-5);
        }
        assertArrayEquals(patch, MaskedAutoencoder.target(m.create(patch, new Shape(1, 1, 4)), false).toFloatArray());
    }

    private MaskedAutoencoder tiny(HypersphereNetwork net, boolean normPix) {
        net.initialize(m, INPUT, 11);
        MaeMethodSpec spec = new MaeMethodSpec(0.75, normPix, 1, 32, 2, 2);
        return new MaskedAutoencoder(net, spec, new MultiView(List.of(new Pipeline(List.of()))), new SeedTree(0), m, INPUT);
    }

    private static HypersphereNetwork tinyNet() {
        return new HypersphereNetwork(new ModelSpec(new VitSpec(7, 1, 32, 2, 2, "mean"), new ProjectionHeadSpec(16, 8, false)));
    }

    private NDArray images(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            double c = r.nextDouble() * 0.5;
            for (int y = 0; y < 28; y++) {
                for (int z = 0; z < 28; z++) {
                    x[i * 784 + y * 28 + z] = (float) (c + 0.5 * (a * y + b * z) / 28);
                }
            }
        }
        return m.create(x, new Shape(n, 1, 28, 28));
    }

    @Test
    void theEncoderSeesOnlyVisiblePatches() {
        MaskedAutoencoder mae = tiny(tinyNet(), true);
        PatchMask mask = PatchMask.random(4, 16, 0.75, new SplittableRandom(9));
        NDArray x = images(4, 1);
        float[] px = x.toFloatArray();
        NDArray patches = Patches.patchify(x, 7);
        NDArray hidden = mask.maskArray(m).expandDims(-1);
        NDArray noisy = Patches.unpatchify(patches.add(hidden.mul(m.randomUniform(0, 1, patches.getShape()))), 7, 1, 28, 28);
        assertFalse(Arrays.equals(px, noisy.toFloatArray()));
        float[] a = mae.predict(x, mask, false).toFloatArray();
        float[] b = mae.predict(noisy, mask, false).toFloatArray();
        assertArrayEquals(a, b, 1e-6f, "changing hidden pixels must not change any prediction");
        assertEquals(new Shape(4, 16, 49), mae.predict(x, mask, false).getShape());
        // while changing a visible patch does
        NDArray visible = hidden.mul(-1f).add(1f);
        NDArray changed = Patches.unpatchify(patches.add(visible.mul(0.3f)), 7, 1, 28, 28);
        assertFalse(Arrays.equals(a, mae.predict(changed, mask, false).toFloatArray()));
    }

    /**
     * The whole MAE graph (encoder on visible tokens, decoder, masked loss) gives the same parameter
     * gradients whether or not the garbage collector runs between forward and backward. Before the
     * attention's 1/√d_h became a {@code Scalars} constant, a collection there made the backward pass
     * read a freed constant: garbage gradients, NaN losses and runs that differed from each other.
     */
    @Test
    void gradientsSurviveAGarbageCollection() {
        HypersphereNetwork net = tinyNet();
        MaskedAutoencoder mae = tiny(net, true);
        NDArray x = images(4, 5);
        PatchMask mask = PatchMask.random(4, 16, 0.75, new SplittableRandom(3));
        NDArray target = MaskedAutoencoder.target(Patches.patchify(x, 7), true);
        NDArray hidden = mask.maskArray(m);
        List<NDArray> leaves = mae.parameters(net).stream().map(Parameter::getArray).toList();
        GcStress.assertGradientsSurvive("mae", m, s -> {
            NDArray in = x.duplicate();
            in.attach(s);
            return MaskedAutoencoder.loss(mae.predict(in, mask, true), target, hidden);
        }, leaves);
    }

    @Test
    void aTinyMaeOverfitsOneBatch() {
        HypersphereNetwork net = tinyNet();
        MaskedAutoencoder mae = tiny(net, false);
        NDArray x = images(8, 4);
        PatchMask mask = PatchMask.random(8, 16, 0.75, new SplittableRandom(2));
        NDArray target = MaskedAutoencoder.target(Patches.patchify(x, 7), false);
        NDArray hidden = mask.maskArray(m);
        List<Parameter> params = mae.parameters(net);
        assertEquals(net.encoder().getParameters().size() + mae.decoder().getParameters().size(), params.size());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 300; step++) {
            try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = MaskedAutoencoder.loss(mae.predict(x, mask, true), target, hidden);
                last = loss.getFloat();
                if (step == 0) {
                    first = last;
                }
                gc.backward(loss);
            }
            for (Parameter p : params) {
                NDArray g = p.getArray().getGradient();
                adam.update(p.getId(), p.getArray(), g);
                g.muli(0f);
            }
        }
        assertTrue(last < 0.01 && last < first / 50, "loss " + first + " -> " + last);
    }

    @Test
    void specErrorsNameTheField() {
        assertEquals("mask_ratio: must be in (0, 1), found 1.0",
                assertThrows(SelfsupException.class, () -> new MaeMethodSpec(1.0, true, 2, 128, 4, 4)).getMessage());
        assertTrue(assertThrows(SelfsupException.class, () -> new MaeMethodSpec(0.75, true, 2, 130, 4, 4)).getMessage()
                .startsWith("decoder_width: must be a multiple of decoder_heads (4), found 130"));
        assertTrue(assertThrows(SelfsupException.class,
                () -> MaeMethodSpec.defaults().checkModel(ModelSpec.defaults())).getMessage()
                .startsWith("model.encoder.type: must be vit for method 'mae', found 'convnet'"));
        assertTrue(assertThrows(SelfsupException.class, () -> MaeMethodSpec.defaults().validate(null, 2)).getMessage()
                .startsWith("augment.views: must be 1 for method 'mae', found 2"));
        assertTrue(ModelSpec.defaults().encoder() instanceof ConvNetSpec);
    }
}
