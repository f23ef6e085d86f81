package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.losses.InfoNceLoss;
import org.junit.jupiter.api.Test;

/** Smoke pretraining on synthetic images: runs, is finite, moves the weights, and is reproducible. */
class TrainingLoopTest {
    static ImageSet synthetic(int n) {
        Random r = new Random(1);
        byte[] px = new byte[n * 16 * 16];
        r.nextBytes(px);
        int[] y = new int[n];
        return new ImageSet(px, y, 1, 16, 16, 1);
    }

    private List<Float> train(long seed, int steps, float[] firstWeightOut) {
        List<Float> losses = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(new ConvNetSpec(List.of(4, 8), true),
                    new ProjectionHeadSpec(16, 8, true)));
            SeedTree seeds = new SeedTree(seed);
            net.initialize(m, new Shape(1, 1, 16, 16), seeds.seed("init"));
            TrainSpec spec = TrainSpec.of(5, steps, 8, 2, false, 0, 2);
            OptimizerSpec opt = OptimizerSpec.defaults();
            WarmupCosine schedule = opt.schedule(4, steps);
            TrainingLoop loop = new TrainingLoop(m, net.projector().getParameters().values(), opt.build(schedule, net.projector().getParameters().values()), schedule);
            loop.addListener(new TrainingListener() {
                @Override
                public void onStep(StepStats s) {
                    losses.add(s.loss());
                }
            });
            float before = net.projector().getParameters().valueAt(0).getArray().toFloatArray()[0];
            long done = loop.run(synthetic(32), spec, seeds,
                    new ContrastiveMethod(net.projector(), ViewsSpec.defaults().build(), new InfoNceLoss(0.5), seeds, m));
            assertEquals(steps, done);
            firstWeightOut[0] = before;
            firstWeightOut[1] = net.projector().getParameters().valueAt(0).getArray().toFloatArray()[0];
        }
        return losses;
    }

    @Test
    void twoStepSmokeRunIsFiniteMovesWeightsAndRepeatsExactly() {
        float[] w1 = new float[2];
        float[] w2 = new float[2];
        List<Float> a = train(5, 2, w1);
        List<Float> b = train(5, 2, w2);
        assertEquals(2, a.size());
        assertTrue(a.stream().allMatch(Float::isFinite));
        assertNotEquals(w1[0], w1[1], "the optimizer must change the weights");
        assertEquals(a, b, "same seed on CPU must give the same losses");
        assertNotEquals(a, train(6, 2, new float[2]));
    }

    @Test
    void maxStepsAndEpochsBoundTheRun() {
        assertEquals(12, TrainingLoop.totalSteps(TrainSpec.of(3, 0, 8, 1, false, 0, 2), 4));
        assertEquals(5, TrainingLoop.totalSteps(TrainSpec.of(3, 5, 8, 1, false, 0, 2), 4));
        assertEquals(12, TrainingLoop.totalSteps(TrainSpec.of(3, 50, 8, 1, false, 0, 2), 4));
    }
}
