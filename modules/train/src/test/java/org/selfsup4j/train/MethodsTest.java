package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.augment.LocalCrops;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.losses.InfoNceLoss;
import org.selfsup4j.losses.MochiMixer;
import org.selfsup4j.losses.SupConLoss;

/** The MoCo / MoCHi and metric methods on synthetic images through the real loop. */
class MethodsTest {
    private static final Shape INPUT = new Shape(1, 1, 16, 16);

    private static HypersphereNetwork net(NDManager m, long seed) {
        HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(new ConvNetSpec(List.of(4, 8), true),
                new ProjectionHeadSpec(16, 8, true)));
        net.initialize(m, INPUT, seed);
        return net;
    }

    private static List<float[]> trainable(HypersphereNetwork net) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : net.projector().getParameters().values()) {
            if (p.requiresGradient()) {
                out.add(p.getArray().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void momentumEncoderStartsAsACopyAndFollowsTheEma() {
        try (NDManager m = NDManager.newBaseManager()) {
            HypersphereNetwork online = net(m, 1);
            MomentumEncoder key = new MomentumEncoder(online, m, INPUT, 0.9);
            NDArray[] keyArrays = key.arrays();
            List<float[]> k0 = new ArrayList<>();
            List<NDArray> keyTrainable = new ArrayList<>();
            List<Parameter> params = new ArrayList<>(online.projector().getParameters().values());
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).requiresGradient()) {
                    keyTrainable.add(keyArrays[i]);
                    k0.add(keyArrays[i].toFloatArray());
                }
            }
            List<float[]> q0 = trainable(online);
            for (int i = 0; i < q0.size(); i++) {
                assertEquals(java.util.Arrays.toString(q0.get(i)), java.util.Arrays.toString(k0.get(i)), "exact copy");
            }
            // move the online weights, then one EMA step: θ_k = 0.9 θ_k + 0.1 θ_q
            for (Parameter p : online.projector().getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().addi(1f);
                }
            }
            key.update();
            for (int i = 0; i < q0.size(); i++) {
                float[] got = keyTrainable.get(i).toFloatArray();
                for (int j = 0; j < got.length; j++) {
                    assertEquals(0.9f * k0.get(i)[j] + 0.1f * (q0.get(i)[j] + 1f), got[j], 1e-5f);
                }
            }
        }
    }

    private static List<Float> run(StepFunction method, HypersphereNetwork net, NDManager m, SeedTree seeds, int steps,
            ImageSet data, org.selfsup4j.data.EpochSampler sampler) {
        List<Float> losses = new ArrayList<>();
        OptimizerSpec opt = OptimizerSpec.defaults();
        WarmupCosine schedule = opt.schedule(4, steps);
        TrainingLoop loop = new TrainingLoop(m, net.parameters(), opt.build(schedule, net.parameters()), schedule);
        loop.addListener(new TrainingListener() {
            @Override
            public void onStep(StepStats s) {
                losses.add(s.loss());
            }
        });
        TrainSpec spec = TrainSpec.of(50, steps, 8, 1, false, 0, 2);
        if (sampler == null) {
            loop.run(data, spec, seeds, method);
        } else {
            loop.run(data, spec, sampler, method);
        }
        return losses;
    }

    @Test
    void mocoWithMochiTrainsFinitelyAndRepeatsExactly() {
        List<List<Float>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            try (NDManager m = NDManager.newBaseManager()) {
                SeedTree seeds = new SeedTree(4);
                HypersphereNetwork net = net(m, seeds.seed("init"));
                ContrastiveMethodSpec spec = new ContrastiveMethodSpec(new MemoryBankSpec(24, 0.9), new MochiMixer(8, 4, 2));
                StepFunction method = spec.build(net, ViewsSpec.defaults().build(), new InfoNceLoss(0.2), seeds, m, INPUT);
                runs.add(run(method, net, m, seeds, 6, TrainingLoopTest.synthetic(32), null));
            }
        }
        assertEquals(6, runs.get(0).size());
        assertTrue(runs.get(0).stream().allMatch(Float::isFinite));
        assertEquals(runs.get(0), runs.get(1), "same seed, same MoCo losses");
    }

    @Test
    void metricMethodUsesClassLabelsAndRejectsOneClassBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            SeedTree seeds = new SeedTree(5);
            HypersphereNetwork net = net(m, 1);
            ImageSet base = TrainingLoopTest.synthetic(32);
            int[] y = new int[32];
            for (int i = 0; i < 32; i++) {
                y[i] = i % 4;
            }
            ImageSet labelled = new ImageSet(base.pixels(), y, 1, 16, 16, 4);
            MetricMethodSpec spec = new MetricMethodSpec(2);
            StepFunction method = spec.build(net, ViewsSpec.defaults().build(), new SupConLoss(0.1), seeds, m, INPUT);
            List<Float> losses = run(method, net, m, seeds, 4, labelled, spec.sampler(labelled, 8, seeds));
            assertTrue(losses.stream().allMatch(Float::isFinite));
            ImageSet oneClass = new ImageSet(base.pixels(), new int[32], 1, 16, 16, 1);
            SelfsupException e = assertThrows(SelfsupException.class, () -> run(method, net, m, seeds, 1, oneClass,
                    new MetricMethodSpec(0).sampler(oneClass, 8, seeds)));
            assertEquals("step 0: classes in the batch must be >= 2, found 1; a supervised batch needs negatives: "
                    + "use method.samples_per_class or a larger batch", e.getMessage());
        }
    }

    @Test
    void multiCropViewsOfTwoSizesTrainWithAMomentumEncoderAndRepeat() {
        ViewsSpec views = new ViewsSpec("grayscale", 0, List.of(), List.of(), new LocalCrops(3, 8, 0.1, 0.4));
        List<List<Float>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            try (NDManager m = NDManager.newBaseManager()) {
                SeedTree seeds = new SeedTree(6);
                HypersphereNetwork net = net(m, seeds.seed("init"));
                ContrastiveMethodSpec spec = new ContrastiveMethodSpec(new MemoryBankSpec(40, 0.9), null);
                StepFunction method = spec.build(net, views.build(), new InfoNceLoss(0.2), seeds, m, INPUT);
                runs.add(run(method, net, m, seeds, 5, TrainingLoopTest.synthetic(32), null));
            }
        }
        assertEquals(5, runs.get(0).size());
        assertTrue(runs.get(0).stream().allMatch(Float::isFinite));
        assertEquals(runs.get(0), runs.get(1), "same seed, same multi-crop losses");
    }

    @Test
    void viewsAreGroupedIntoRunsOfOneSizeInViewOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList views = new NDList(m.zeros(new Shape(2, 1, 6, 6)), m.ones(new Shape(2, 1, 6, 6)),
                    m.full(new Shape(2, 1, 3, 3), 2f), m.full(new Shape(2, 1, 3, 3), 3f), m.full(new Shape(2, 1, 6, 6), 4f));
            NDList blocks = ViewProjection.blocks(views);
            assertEquals(3, blocks.size());
            assertEquals(new Shape(4, 1, 6, 6), blocks.get(0).getShape());
            assertEquals(new Shape(4, 1, 3, 3), blocks.get(1).getShape());
            assertEquals(new Shape(2, 1, 6, 6), blocks.get(2).getShape());
            float[] first = blocks.get(0).toFloatArray();
            assertEquals(0f, first[0]);
            assertEquals(1f, first[first.length - 1]);
            assertEquals(2f, blocks.get(1).toFloatArray()[0]);
            assertEquals(3f, blocks.get(1).toFloatArray()[35]);
        }
    }

    @Test
    void predictiveLossEqualsALoopReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            int v = 3;
            int n = 4;
            int d = 5;
            NDArray p = m.randomNormal(new Shape(v * n, d));
            p = p.div(p.norm(new int[] {1}, true));
            NDArray t = m.randomNormal(new Shape(v * n, d));
            t = t.div(t.norm(new int[] {1}, true));
            float[] pa = p.toFloatArray();
            float[] ta = t.toFloatArray();
            double sum = 0;
            for (int a = 0; a < v; a++) {
                for (int b = 0; b < v; b++) {
                    if (a == b) {
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        double sq = 0;
                        for (int k = 0; k < d; k++) {
                            double diff = pa[(a * n + i) * d + k] - ta[(b * n + i) * d + k];
                            sq += diff * diff;
                        }
                        sum += sq / n;
                    }
                }
            }
            assertEquals(sum / (v * (v - 1)), PredictiveMethod.loss(p, t, v).getFloat(), 1e-5);
        }
    }

    @Test
    void byolAndSimSiamTrainFinitelyAndRepeat() {
        for (double momentum : new double[] {0.9, 0}) {
            List<List<Float>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    SeedTree seeds = new SeedTree(7);
                    HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(new ConvNetSpec(List.of(4, 8), true),
                            new ProjectionHeadSpec(16, 8, true), new ProjectionHeadSpec(4, 8, true)));
                    net.initialize(m, INPUT, seeds.seed("init"));
                    StepFunction method = new PredictiveMethodSpec(momentum).build(net, ViewsSpec.defaults().build(), null,
                            seeds, m, INPUT);
                    List<float[]> before = trainable(net);
                    float[] predictorBefore = net.predictor().getParameters().values().iterator().next().getArray()
                            .toFloatArray();
                    runs.add(run(method, net, m, seeds, 5, TrainingLoopTest.synthetic(32), null));
                    float[] predictorAfter = net.predictor().getParameters().values().iterator().next().getArray()
                            .toFloatArray();
                    assertTrue(runs.get(r).stream().allMatch(x -> x >= 0 && x <= 4), "2 − 2cos is in [0, 4]");
                    assertTrue(!java.util.Arrays.equals(before.get(0), trainable(net).get(0)), "encoder trained");
                    assertTrue(!java.util.Arrays.equals(predictorBefore, predictorAfter), "predictor trained");
                }
            }
            assertEquals(runs.get(0), runs.get(1), "momentum " + momentum + ": same seed, same losses");
        }
        assertEquals("model.predictor: must be given for method 'predictive', found none; add model.predictor: "
                + "{type: projection, hidden: 256, out: 128}",
                assertThrows(SelfsupException.class, () -> PredictiveMethodSpec.defaults().validateModel(ModelSpec.defaults()))
                        .getMessage());
    }
}
