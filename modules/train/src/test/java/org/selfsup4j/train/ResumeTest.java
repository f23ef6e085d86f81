package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.losses.InfoNceLoss;
import org.selfsup4j.losses.MochiMixer;

/**
 * A run interrupted after some steps and resumed from its training state in fresh objects (as a new
 * process would build them) gives the same losses and the same final weights, bit for bit, as the run
 * that was never interrupted: for SimCLR, MoCo with MoCHi (momentum encoder and bank) and BYOL (momentum
 * target), each with BatchNorm running statistics, under Adam, AdamW and SGD, resuming mid-epoch.
 */
class ResumeTest {
    private static final Shape INPUT = new Shape(1, 1, 16, 16);
    private static final int STEPS = 11;

    /** A method built on a fresh network, as the recipe would build it. */
    private interface Build extends BiFunction<NDManager, SeedTree, Object[]> {}

    private static Object[] simclr(NDManager m, SeedTree seeds) {
        HypersphereNetwork net = net(false);
        net.initialize(m, INPUT, seeds.seed("init"));
        return new Object[] {net, new ContrastiveMethodSpec(null, null).build(net, ViewsSpec.defaults().build(),
                new InfoNceLoss(0.5), seeds, m, INPUT)};
    }

    private static Object[] moco(NDManager m, SeedTree seeds) {
        HypersphereNetwork net = net(false);
        net.initialize(m, INPUT, seeds.seed("init"));
        return new Object[] {net, new ContrastiveMethodSpec(new MemoryBankSpec(20, 0.9), new MochiMixer(6, 4, 2))
                .build(net, ViewsSpec.defaults().build(), new InfoNceLoss(0.2), seeds, m, INPUT)};
    }

    private static Object[] byol(NDManager m, SeedTree seeds) {
        HypersphereNetwork net = net(true);
        net.initialize(m, INPUT, seeds.seed("init"));
        return new Object[] {net, new PredictiveMethodSpec(0.9).build(net, ViewsSpec.defaults().build(), null, seeds, m,
                INPUT)};
    }

    private static HypersphereNetwork net(boolean predictor) {
        return new HypersphereNetwork(predictor
                ? new ModelSpec(new ConvNetSpec(List.of(4, 8), true), new ProjectionHeadSpec(16, 8, true),
                        new ProjectionHeadSpec(4, 8, true))
                : new ModelSpec(new ConvNetSpec(List.of(4, 8), true), new ProjectionHeadSpec(16, 8, true)));
    }

    private record Outcome(List<Float> losses, List<float[]> weights) {}

    /**
     * Trains {@code STEPS} steps from {@code start} (after restoring the newest state in {@code dir} when
     * {@code start > 0}); {@code stopAfter} throws after that many completed steps, as a kill would.
     */
    private static Outcome train(Build build, String optimizer, Path dir, boolean resume, long stopAfter) {
        List<Float> losses = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            SeedTree seeds = new SeedTree(11);
            Object[] built = build.apply(m, seeds);
            HypersphereNetwork net = (HypersphereNetwork) built[0];
            StepFunction method = (StepFunction) built[1];
            OptimizerSpec spec = new OptimizerSpec(optimizer, 0.01, 0.9, 0.01, 0.5, 0.1, 0.99);
            WarmupCosine schedule = spec.schedule(4, STEPS);
            List<Parameter> trained = method.parameters(net);
            ResumableOptimizer opt = spec.build(schedule, trained);
            TrainSpec train = TrainSpec.of(3, STEPS, 8, 2, false, 3, 2);
            long start = 0;
            if (resume) {
                Path state = TrainingState.latestIntact(dir.resolve(Checkpoints.DIR)).orElseThrow();
                start = TrainingState.decode(Files.readAllBytes(state), state.toString(), net, method, opt, schedule);
            }
            TrainingLoop loop = new TrainingLoop(m, trained, opt, schedule)
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(StepStats s) {
                            losses.add(s.loss());
                        }
                    })
                    .addListener(new Checkpoints(dir, net, method, opt, schedule, train))
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(StepStats s) {
                            if (s.step() + 1 == stopAfter) {
                                throw new IllegalStateException("killed");
                            }
                        }
                    });
            org.selfsup4j.data.ImageSet data = TrainingLoopTest.synthetic(32);
            loop.run(data, train, new BatchSampler(data.size(), train.batchSize(), true, seeds), method, start);
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                weights.add(p.getArray().toFloatArray());
            }
            return new Outcome(losses, weights);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOne(@TempDir Path tmp) throws IOException {
        record Case(String name, Build build, String optimizer) {}
        for (Case c : List.of(new Case("simclr", ResumeTest::simclr, "adam"), new Case("moco+mochi", ResumeTest::moco, "sgd"),
                new Case("byol", ResumeTest::byol, "adamw"))) {
            Path straightDir = Files.createDirectories(tmp.resolve(c.name() + "-straight"));
            Outcome straight = train(c.build(), c.optimizer(), straightDir, false, -1);
            assertEquals(STEPS, straight.losses().size());
            Path dir = Files.createDirectories(tmp.resolve(c.name() + "-killed"));
            // killed after step 8: states were written after steps 3, 4 (epoch end) and 6; the newest two are kept
            assertThrows(IllegalStateException.class, () -> train(c.build(), c.optimizer(), dir, false, 8));
            List<Path> states = TrainingState.files(dir.resolve(Checkpoints.DIR));
            assertEquals(List.of(6L, 4L), states.stream().map(TrainingState::stepOf).toList(), c.name());
            Outcome resumed = train(c.build(), c.optimizer(), dir, true, -1);
            assertEquals(straight.losses().subList(6, STEPS), resumed.losses(), c.name() + ": losses after the resume");
            for (int i = 0; i < straight.weights().size(); i++) {
                assertArrayEquals(straight.weights().get(i), resumed.weights().get(i), c.name() + ": parameter " + i);
            }
        }
    }

    @Test
    void aDamagedStateIsSkippedForTheOlderOne(@TempDir Path tmp) throws IOException {
        assertThrows(IllegalStateException.class, () -> train(ResumeTest::simclr, "adam", tmp, false, 8));
        Path newest = TrainingState.files(tmp.resolve(Checkpoints.DIR)).get(0);
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 0x10;
        Files.write(newest, b);
        assertFalse(TrainingState.intact(b));
        assertEquals(4, TrainingState.stepOf(TrainingState.latestIntact(tmp.resolve(Checkpoints.DIR)).orElseThrow()));
        Outcome straight = train(ResumeTest::simclr, "adam", Files.createDirectories(tmp.resolve("s")), false, -1);
        Outcome resumed = train(ResumeTest::simclr, "adam", tmp, true, -1);
        assertEquals(straight.losses().subList(4, STEPS), resumed.losses());
    }

    @Test
    void aStateOfAnotherModelIsRefusedWithAClearMessage(@TempDir Path tmp) throws IOException {
        assertThrows(IllegalStateException.class, () -> train(ResumeTest::simclr, "adam", tmp, false, 5));
        Path state = TrainingState.latestIntact(tmp.resolve(Checkpoints.DIR)).orElseThrow();
        SelfsupException e = assertThrows(SelfsupException.class, () -> train(ResumeTest::byol, "adam", tmp, true, -1));
        assertTrue(e.getMessage().startsWith(state + ": parameters must be "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; was the recipe changed?"), e.getMessage());
    }
}
