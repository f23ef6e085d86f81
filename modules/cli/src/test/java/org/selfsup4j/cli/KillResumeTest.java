package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real pretraining process with SIGKILL at several moments, including while it writes a
 * training state, resumes each run with {@code selfsup pretrain --resume}, and checks that every resumed
 * run completes with exactly the losses of a run that was never interrupted.
 */
@Tag("data")
class KillResumeTest {
    /** 16 steps an epoch, 3 epochs; a state every 4 steps; a wide head so a state file takes a while to write. */
    private static final List<String> SETTINGS = List.of("--set", "data.limit=1024", "--set", "train.batch_size=64",
            "--set", "train.epochs=3", "--set", "train.state_every_steps=4", "--set", "model.head.hidden=16384",
            "--set", "eval=false", "--device", "cpu");
    private static final int STEPS = 48;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static List<String> args(Path out) {
        List<String> a = new ArrayList<>(List.of("pretrain", "../../recipes/quickstart.yaml"));
        a.addAll(SETTINGS);
        a.addAll(List.of("--out", out.toString()));
        return a;
    }

    private static List<Double> losses(Path run) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.has("loss")) {
                assertEquals(out.size(), n.get("step").asInt(), "steps in order, none twice");
                out.add(n.get("loss").asDouble());
            }
        }
        return out;
    }

    private static String state(Path run) throws IOException {
        return JSON.readTree(run.resolve("run.json").toFile()).get("state").asText();
    }

    /** Starts the CLI in its own JVM and SIGKILLs it once {@code when} holds for its run directory. */
    private static Path killWhen(Path out, Predicate<Path> when) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-XX:MaxDirectMemorySize=256m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args(out));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log")
                .toFile()).start();
        Files.createDirectories(out);
        long deadline = System.nanoTime() + 300_000_000_000L;
        Path run = null;
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (run == null) {
                try (Stream<Path> s = Files.list(out)) {
                    run = s.findFirst().orElse(null);
                }
            }
            if (run != null && when.test(run)) {
                p.destroyForcibly(); // SIGKILL on Linux
                break;
            }
            Thread.onSpinWait();
        }
        p.waitFor();
        assertTrue(run != null, "the process made a run directory");
        return run;
    }

    private static Predicate<Path> afterSteps(int n) {
        return run -> {
            try {
                return Files.isRegularFile(run.resolve("metrics.jsonl"))
                        && Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"loss\"")).count() >= n;
            } catch (IOException e) {
                return false;
            }
        };
    }

    private static Predicate<Path> whileWriting(String file) {
        return run -> Files.exists(run.resolve("checkpoints").resolve("." + file + ".tmp"));
    }

    @Test
    void killedRunsResumeToTheUninterruptedLosses() throws Exception {
        CliTest.Outcome straight = CliTest.run(args(tmp.resolve("straight")).toArray(String[]::new));
        assertEquals(0, straight.code(), straight.err());
        List<String> lines = straight.out().strip().lines().toList();
        List<Double> expected = losses(Path.of(lines.get(lines.size() - 1)));
        assertEquals(STEPS, expected.size());

        record Kill(String name, Predicate<Path> when) {}
        List<Kill> kills = List.of(new Kill("before-any-state", afterSteps(2)), new Kill("mid-epoch", afterSteps(22)),
                new Kill("writing-state-8", whileWriting("state-8.bin")), new Kill("late", afterSteps(45)));
        for (Kill k : kills) {
            Path run = killWhen(tmp.resolve(k.name()), k.when());
            // the signal lands a few milliseconds after the temporary file appears: should the write have
            // finished by then, try again with a new process (at most three times)
            for (int attempt = 2; k.name().startsWith("writing") && attempt <= 3
                    && !Files.exists(run.resolve("checkpoints/.state-8.bin.tmp")); attempt++) {
                run = killWhen(tmp.resolve(k.name() + "-" + attempt), k.when());
            }
            assertEquals("running", state(run), k.name() + ": a killed run is not marked complete");
            if (k.name().startsWith("writing")) {
                assertTrue(Files.exists(run.resolve("checkpoints/.state-8.bin.tmp")), "killed inside the write");
                assertTrue(!Files.exists(run.resolve("checkpoints/state-8.bin")), "the state being written is not there");
            }
            CliTest.Outcome resumed = CliTest.run("pretrain", "--resume", run.toString());
            assertEquals(0, resumed.code(), k.name() + ": " + resumed.err());
            assertEquals(run.toString(), resumed.out().strip().lines().reduce((a, b) -> b).orElseThrow());
            assertEquals("complete", state(run), k.name());
            assertEquals(expected, losses(run), k.name() + ": the resumed losses equal the uninterrupted ones");
            try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
                assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), k.name() + ": no half-written file left");
            }
        }
        Path done = Path.of(lines.get(lines.size() - 1));
        CliTest.assertOneLineError(CliTest.run("pretrain", "--resume", done.toString()),
                done + ": run state must be unfinished to resume, found complete; the run is done; probe or export it");
    }
}
