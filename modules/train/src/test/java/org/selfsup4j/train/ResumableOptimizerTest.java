package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;

/**
 * The resumable optimizers against DJL's own Adam, AdamW and SGD (bit for bit), AdamW's first step by
 * hand, and save/load: a run restored mid-way continues exactly as the uninterrupted one.
 */
class ResumableOptimizerTest extends ManagedTest {
    private static final WarmupCosine SCHEDULE = new WarmupCosine(0.05, 2, 20, 0.1);

    private List<Parameter> params(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).build();
        w.setArray(m.create(floats(r, 6), new Shape(2, 3)));
        b.setArray(m.create(floats(r, 3)));
        return List.of(w, b);
    }

    private static float[] floats(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Applies {@code steps} updates with gradients drawn from step-keyed streams, starting at {@code from}. */
    private void train(Optimizer opt, List<Parameter> ps, int from, int steps) {
        for (int s = from; s < from + steps; s++) {
            SplittableRandom r = new SplittableRandom(1000 + s);
            for (Parameter p : ps) {
                try (NDArray g = m.create(floats(r, (int) p.getArray().size()), p.getArray().getShape())) {
                    opt.update(p.getId(), p.getArray(), g);
                }
            }
        }
    }

    private static float[][] values(List<Parameter> ps) {
        return ps.stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    @Test
    void matchesDjlsOptimizersBitForBit() {
        for (ResumableOptimizer.Kind kind : ResumableOptimizer.Kind.values()) {
            List<Parameter> ours = params(1);
            List<Parameter> theirs = params(1);
            train(new ResumableOptimizer(kind, SCHEDULE, 0.01f, 0.95f, 0.9f, ours), ours, 0, 6);
            switch (kind) {
                case ADAM -> train(Optimizer.adam().optLearningRateTracker(SCHEDULE).optWeightDecays(0.01f).optBeta2(0.95f)
                        .build(), theirs, 0, 6);
                case SGD -> train(Optimizer.sgd().setLearningRateTracker(SCHEDULE).optMomentum(0.9f).optWeightDecays(0.01f)
                        .build(), theirs, 0, 6);
                case ADAMW -> {
                    // DJL's AdamW decays everything: one instance per group, decay on the matrix only
                    Optimizer decayed = Optimizer.adamW().optLearningRateTracker(SCHEDULE).optWeightDecays(0.01f)
                            .optBeta2(0.95f).build();
                    Optimizer plain = Optimizer.adamW().optLearningRateTracker(SCHEDULE).optWeightDecays(0f)
                            .optBeta2(0.95f).build();
                    for (int s = 0; s < 6; s++) {
                        SplittableRandom r = new SplittableRandom(1000 + s);
                        for (Parameter p : theirs) {
                            try (NDArray g = m.create(floats(r, (int) p.getArray().size()), p.getArray().getShape())) {
                                (p.getName().equals("w") ? decayed : plain).update(p.getId(), p.getArray(), g);
                            }
                        }
                    }
                }
                default -> throw new AssertionError(kind);
            }
            float[][] a = values(ours);
            float[][] b = values(theirs);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(b[i], a[i], kind + " parameter " + i);
            }
        }
    }

    @Test
    void adamwDecaysMatricesOnlyByHand() {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).build();
        w.setArray(m.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(2, 2)));
        b.setArray(m.create(new float[] {1f, -2f}));
        assertTrue(ResumableOptimizer.decays(w));
        assertFalse(ResumableOptimizer.decays(b));
        float lr = 0.1f;
        float wd = 0.5f;
        ResumableOptimizer opt = new ResumableOptimizer(ResumableOptimizer.Kind.ADAMW, new WarmupCosine(lr, 0, 100, 1.0),
                wd, 0.95f, 0f, List.of(w, b));
        float[] g = {0.3f, -0.2f, 0f, 4f};
        float[] w0 = w.getArray().toFloatArray();
        opt.update(w.getId(), w.getArray(), m.create(g, new Shape(2, 2)));
        opt.update(b.getId(), b.getArray(), m.create(new float[] {0.3f, -0.2f}));
        // first step: m̂ = g, v̂ = g² (whatever β2), so the Adam step is lr·g/(|g| + ε) ≈ lr·sign(g)
        float[] w1 = w.getArray().toFloatArray();
        for (int i = 0; i < 4; i++) {
            double adam = lr * g[i] / (Math.abs(g[i]) + 1e-8);
            assertEquals(w0[i] * (1 - lr * wd) - adam, w1[i], 1e-5, "decayed weight " + i);
        }
        assertArrayEquals(new float[] {1f - lr, -2f + lr}, b.getArray().toFloatArray(), 1e-5f, "no decay on the bias");
        assertEquals(1, opt.updates());
    }

    @Test
    void aRestoredOptimizerContinuesExactly() throws IOException {
        for (ResumableOptimizer.Kind kind : ResumableOptimizer.Kind.values()) {
            List<Parameter> straight = params(2);
            train(new ResumableOptimizer(kind, SCHEDULE, 0.01f, 0.999f, 0.9f, straight), straight, 0, 8);

            List<Parameter> first = params(2);
            ResumableOptimizer a = new ResumableOptimizer(kind, SCHEDULE, 0.01f, 0.999f, 0.9f, first);
            train(a, first, 0, 3);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(new DataOutputStream(bytes));
            // a new process: fresh parameter objects holding the saved weights, a fresh optimizer
            List<Parameter> resumed = params(99);
            for (int i = 0; i < resumed.size(); i++) {
                ArrayIO.overwrite(resumed.get(i).getArray(), first.get(i).getArray().toFloatArray());
            }
            ResumableOptimizer b = new ResumableOptimizer(kind, SCHEDULE, 0.01f, 0.999f, 0.9f, resumed);
            b.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "state");
            assertEquals(3, b.updates());
            train(b, resumed, 3, 5);
            float[][] x = values(straight);
            float[][] y = values(resumed);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(x[i], y[i], kind + " parameter " + i);
            }
        }
    }

    @Test
    void aStateForOtherParametersIsRefused() throws IOException {
        List<Parameter> ps = params(3);
        ResumableOptimizer adam = new ResumableOptimizer(ResumableOptimizer.Kind.ADAM, SCHEDULE, 0f, 0.999f, 0f, ps);
        train(adam, ps, 0, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        adam.save(new DataOutputStream(bytes));
        byte[] saved = bytes.toByteArray();
        ResumableOptimizer sgd = new ResumableOptimizer(ResumableOptimizer.Kind.SGD, SCHEDULE, 0f, 0.999f, 0.9f, ps);
        assertEquals("state: optimizer state must be of type sgd, found adam; was the recipe changed?",
                assertThrows(SelfsupException.class, () -> sgd.load(in(saved), "state")).getMessage());
        ResumableOptimizer fewer = new ResumableOptimizer(ResumableOptimizer.Kind.ADAM, SCHEDULE, 0f, 0.999f, 0f,
                List.of(ps.get(0)));
        assertEquals("state: optimizer state must be 1 parameters, found 2; was the recipe changed?",
                assertThrows(SelfsupException.class, () -> fewer.load(in(saved), "state")).getMessage());
        Parameter wide = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        wide.setArray(m.zeros(new Shape(3, 2)));
        ResumableOptimizer other = new ResumableOptimizer(ResumableOptimizer.Kind.ADAM, SCHEDULE, 0f, 0.999f, 0f,
                List.of(wide, ps.get(1)));
        assertEquals("state: optimizer state of w must be shape (3, 2), found (2, 3); was the recipe changed?",
                assertThrows(SelfsupException.class, () -> other.load(in(saved), "state")).getMessage());
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
