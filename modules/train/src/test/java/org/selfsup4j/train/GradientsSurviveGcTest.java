package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.GcStress;

/** BYOL/SimSiam's predictive loss gives the same gradient whether or not the garbage collector runs mid-step. */
class GradientsSurviveGcTest {
    @Test
    void predictiveLossGivesTheSameGradientAfterACollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] p = new float[3 * 4 * 6];
            float[] t = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) Math.sin(i * 0.7);
                t[i] = (float) Math.cos(i * 0.3);
            }
            NDArray pp = m.create(p, new Shape(12, 6));
            NDArray tt = m.create(t, new Shape(12, 6));
            pp.setRequiresGradient(true);
            GcStress.assertGradientsSurvive("predictive", m, s -> PredictiveMethod.loss(pp, tt, 3), List.of(pp));
        }
    }
}
