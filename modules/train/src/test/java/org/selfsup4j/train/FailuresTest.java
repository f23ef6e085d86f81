package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.ImageSet;

/**
 * Failures during training give one clean line: a gradient that is not finite (weights untouched), a
 * batch the engine cannot allocate, and a metrics log on a full disk (the kernel's /dev/full).
 */
class FailuresTest {
    @TempDir
    Path tmp;

    private static float[] run(StepFunction method, Parameter w, NDManager m) {
        TrainSpec spec = TrainSpec.of(1, 2, 8, 1, false, 0, 2);
        WarmupCosine schedule = new WarmupCosine(0.1, 0, 2, 1.0);
        List<Parameter> ps = List.of(w);
        TrainingLoop loop = new TrainingLoop(m, ps, OptimizerSpec.defaults().build(schedule, ps), schedule);
        ImageSet data = TrainingLoopTest.synthetic(16);
        loop.run(data, spec, new BatchSampler(data.size(), 8, true, new SeedTree(1)), method);
        return w.getArray().toFloatArray();
    }

    private static Parameter weight(NDManager m) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        w.setArray(m.create(new float[] {1f, 2f}));
        w.getArray().setRequiresGradient(true);
        return w;
    }

    @Test
    void aNonFiniteGradientStopsBeforeAnyWeightChanges() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = weight(m);
            // √(w − w) is 0, a finite loss, but its derivative 1/(2√0) is infinite
            StepFunction sqrtAtZero = (scope, batch, step) -> w.getArray().sub(w.getArray().stopGradient()).sqrt().sum();
            SelfsupException e = assertThrows(SelfsupException.class, () -> run(sqrtAtZero, w, m));
            assertEquals("step 0: gradient of w must be finite, found Infinity; lower optimizer.lr or check the data; "
                    + "the last state checkpoint is kept", e.getMessage());
            assertArrayEquals(new float[] {1f, 2f}, w.getArray().toFloatArray(), "no weight was updated");
        }
    }

    @Test
    void aBatchTheEngineCannotAllocateIsACleanError() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = weight(m);
            // 2^42 floats = 16 TiB: the allocator refuses at once
            StepFunction huge = (scope, batch, step) -> scope.zeros(new Shape(1L << 42)).sum().add(w.getArray().sum());
            SelfsupException e = assertThrows(SelfsupException.class, () -> run(huge, w, m));
            assertTrue(e.getMessage().startsWith("step 0: memory for a batch of 8 must be available, found an allocation "
                    + "failure ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("; lower train.batch_size or use a smaller model"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aFullDiskIsACleanError() throws IOException {
        Path log = Files.createSymbolicLink(tmp.resolve("metrics.jsonl"), Path.of("/dev/full"));
        MetricsLog metrics = new MetricsLog(log);
        SelfsupException e = assertThrows(SelfsupException.class,
                () -> metrics.onStep(new StepStats(0, 0, 0, 1, 1, 1f, 0.1f, 10, 0)));
        assertEquals(log + ": metrics log must be writable, found IOException (No space left on device); "
                + "check free space and permissions", e.getMessage());
    }
}
