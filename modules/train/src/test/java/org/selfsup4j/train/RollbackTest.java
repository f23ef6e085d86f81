package org.selfsup4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.MlpEncoderSpec;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;

/**
 * {@code non_finite: rollback} on a run built to diverge: the loss Σθ² under SGD with lr 1.5 doubles
 * every weight each step (θ ← θ − 1.5·2θ = −2θ) until it overflows. Rolled back to its newest state with
 * the learning rate scaled by 0.1 (θ ← 0.7θ), the same run converges and completes; each rollback is
 * logged. With {@code stop}, too few rollbacks or no state yet, the run stops with the step named.
 */
class RollbackTest {
    private static final int STEPS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Outcome(List<Float> losses, String progress) {}

    private Outcome train(String policy, double factor, int maxRollbacks, long stateEvery) throws IOException {
        return train(Files.createTempDirectory(tmp, policy), policy, factor, maxRollbacks, stateEvery, 80);
    }

    /** Trains in {@code dir} on {@code images} synthetic images (8 a batch; epoch-end states too). */
    private static Outcome train(Path dir, String policy, double factor, int maxRollbacks, long stateEvery, int images) {
        List<Float> losses = new ArrayList<>();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager(); MetricsLog metrics = new MetricsLog(dir.resolve("metrics.jsonl"))) {
            SeedTree seeds = new SeedTree(3);
            HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(new MlpEncoderSpec(List.of(4), false),
                    new ProjectionHeadSpec(4, 2, false)));
            net.initialize(m, new Shape(1, 1, 4, 4), seeds.seed("init"));
            List<Parameter> trained = net.parameters();
            StepFunction sumOfSquares = (scope, batch, step) -> {
                NDArray total = null;
                for (Parameter p : trained) {
                    NDArray sq = p.getArray().square().sum();
                    total = total == null ? sq : total.add(sq);
                }
                return total;
            };
            OptimizerSpec sgd = new OptimizerSpec("sgd", 1.5, 0, 0, 0, 1, 0.999);
            WarmupCosine schedule = sgd.schedule(10, STEPS);
            ResumableOptimizer opt = sgd.build(schedule, trained);
            TrainSpec spec = new TrainSpec(20, STEPS, 8, 1, false, stateEvery, 2, policy, factor, maxRollbacks);
            TrainingLoop loop = new TrainingLoop(m, trained, opt, schedule)
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(StepStats s) {
                            losses.add(s.loss());
                        }
                    })
                    .addListener(metrics)
                    .addListener(new Checkpoints(dir, net, sumOfSquares, opt, schedule, spec));
            if (policy.equals("rollback")) {
                loop.onNonFinite(new Rollback(dir.resolve(Checkpoints.DIR), net, sumOfSquares, opt, schedule, metrics, spec,
                        new PrintStream(said, true, StandardCharsets.UTF_8)));
            }
            ImageSet data = TrainingLoopTest.synthetic(images);
            loop.run(data, spec, new BatchSampler(data.size(), 8, true, seeds), sumOfSquares, 0);
        }
        return new Outcome(losses, said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDivergingRunRollsBackWithALowerRateAndCompletes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Outcome o = train(dir, "rollback", 0.1, 3, 10, 80);
        String[] lines = o.progress().strip().split("\n");
        assertEquals(1, lines.length, o.progress());
        assertTrue(lines[0].matches("step 6\\d: loss must be finite, found Infinity; lower optimizer.lr or check the data; "
                + "rolled back to step 60 with the learning rate scaled by 0.1000"), lines[0]);
        List<JsonNode> steps = new ArrayList<>();
        JsonNode rollback = null;
        for (String l : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if (n.has("loss")) {
                steps.add(n);
            } else if (n.path("event").asText().equals("rollback")) {
                rollback = n;
            }
        }
        assertEquals(STEPS, steps.size(), "each step once in the log, the failed ones cut");
        for (int i = 0; i < STEPS; i++) {
            assertEquals(i, steps.get(i).get("step").asInt());
        }
        assertEquals(60, rollback.get("step").asInt());
        assertEquals(0.1, rollback.get("lr_scale").asDouble(), 1e-6);
        assertTrue(rollback.get("failed_step").asInt() > 60);
        // before: |θ| doubles (loss ×4 a step); after: θ ← 0.7θ (loss ×0.49 a step), down to the end
        assertEquals(4.0, steps.get(40).get("loss").asDouble() / steps.get(39).get("loss").asDouble(), 1e-3);
        assertEquals(0.49, steps.get(80).get("loss").asDouble() / steps.get(79).get("loss").asDouble(), 1e-3);
        assertEquals(0.15, steps.get(70).get("lr").asDouble(), 1e-6);
        assertTrue(steps.get(STEPS - 1).get("loss").asDouble() < steps.get(60).get("loss").asDouble() * 1e-10);
    }

    @Test
    void stopTooFewRollbacksAndNoStateStopTheRun() throws IOException {
        SelfsupException stop = assertThrows(SelfsupException.class, () -> train("stop", 0.5, 3, 10));
        assertTrue(stop.getMessage().matches("step 6\\d: loss must be finite, found Infinity; lower optimizer.lr or check "
                + "the data"), stop.getMessage());
        // lr 1.5 · 0.9 still diverges (θ ← −1.7θ): the single rollback allowed is spent
        SelfsupException spent = assertThrows(SelfsupException.class, () -> train("rollback", 0.9, 1, 10));
        assertTrue(spent.getMessage().endsWith("lower optimizer.lr or check the data (after 1 rollbacks)"), spent.getMessage());
        // states only at epoch ends, and the first epoch (100 steps) never ends
        Path dir = Files.createDirectories(tmp.resolve("none"));
        SelfsupException none = assertThrows(SelfsupException.class, () -> train(dir, "rollback", 0.1, 3, 0, 800));
        assertTrue(none.getMessage().endsWith("(no training state to roll back to yet)"), none.getMessage());
    }
}
