package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW's two groups against hand-computed updates. */
class DecoupledAdamWTest {
    @Test
    void matricesDecayAndVectorsDoNot() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).build();
            w.setArray(m.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(2, 2)));
            b.setArray(m.create(new float[] {1f, -2f}));
            assertTrue(DecoupledAdamW.decays(w));
            assertFalse(DecoupledAdamW.decays(b));
            float lr = 0.1f;
            float wd = 0.5f;
            WarmupCosine schedule = new WarmupCosine(lr, 0, 100, 1.0);   // constant lr
            DecoupledAdamW opt = new DecoupledAdamW(schedule, wd, 0.95f, List.of(w, b));
            float[] g = {0.3f, -0.2f, 0f, 4f};
            float[] w0 = w.getArray().toFloatArray();
            float[] b0 = b.getArray().toFloatArray();
            NDArray gw = m.create(g, new Shape(2, 2));
            NDArray gb = m.create(new float[] {0.3f, -0.2f});
            opt.update(w.getId(), w.getArray(), gw);
            opt.update(b.getId(), b.getArray(), gb);
            // first step: m̂ = g, v̂ = g² (whatever β2), so the Adam step is lr·g/(|g| + ε) ≈ lr·sign(g)
            float[] w1 = w.getArray().toFloatArray();
            for (int i = 0; i < 4; i++) {
                double adam = lr * g[i] / (Math.abs(g[i]) + 1e-8);
                assertEquals(w0[i] * (1 - lr * wd) - adam, w1[i], 1e-5, "decayed weight " + i);
            }
            float[] b1 = b.getArray().toFloatArray();
            assertEquals(b0[0] - lr, b1[0], 1e-5);
            assertEquals(b0[1] + lr, b1[1], 1e-5);
        }
    }
}
