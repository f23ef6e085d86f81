package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.train.TrainingState;

/**
 * Stops real {@code selfsup} processes the ways the world stops them, resumes each run with
 * {@code selfsup pretrain --resume}, and checks that every resumed run completes with exactly the losses
 * of one uninterrupted run (trained once, in this JVM, and shared by every case):
 * <ul>
 *   <li>SIGKILL before any state, and while a state file is being written;</li>
 *   <li>SIGTERM mid-training: exit 143, the one line {@code interrupted at step S by SIGTERM; resume
 *       with: …}, {@code run.json} {@code interrupted} with the signal, a state at step S, no JVM crash
 *       log in the working directory or in the launcher's crash-log place;</li>
 *   <li>SIGTERM then SIGINT at once: the process ends at once (130) and the run is still resumable;</li>
 *   <li>SIGINT during {@code selfsup probe}: exit 130, its one line, no {@code probe.json} and no
 *       temporary file left.</li>
 * </ul>
 * The truthful messages are checked on copies of these runs: every state damaged versus none written,
 * a truncated or altered {@code final.params} named as damaged, and an intact one of another model.
 */
@Tag("data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StopAndResumeTest {
    /** 12 steps an epoch, 3 epochs; a state every 4 steps; a wide head so a state file takes a while to write. */
    private static final List<String> SETTINGS = List.of("--set", "data.limit=768", "--set", "train.batch_size=64",
            "--set", "train.epochs=3", "--set", "train.state_every_steps=4", "--set", "model.head.hidden=16384",
            "--set", "eval=false", "--device", "cpu");
    private static final int STEPS = 36;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private Path straight;
    private List<Double> expected;

    @BeforeAll
    void trainOnceWithoutInterruption() throws IOException {
        CliTest.Outcome o = CliTest.run(args(tmp.resolve("straight")).toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        straight = lastLine(o.out());
        expected = losses(straight);
        assertEquals(STEPS, expected.size());
    }

    private static List<String> args(Path out) {
        List<String> a = new ArrayList<>(List.of("pretrain", "../../recipes/quickstart.yaml"));
        a.addAll(SETTINGS);
        a.addAll(List.of("--out", out.toString()));
        return a;
    }

    private static Path lastLine(String out) {
        return Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
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

    private static JsonNode runJson(Path run) throws IOException {
        return JSON.readTree(run.resolve("run.json").toFile());
    }

    /** A real {@code selfsup} process in its own JVM, in working directory {@code cwd}, crash logs kept in {@code crashes}. */
    private static Process start(Path cwd, Path log, List<String> arguments) throws IOException {
        Files.createDirectories(cwd);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ErrorFile=" + cwd.resolveSibling(cwd.getFileName() + "-crashes").resolve("hs_err_pid%p.log"),
                "-Xmx2g", "-XX:MaxDirectMemorySize=256m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(arguments.stream().map(a -> a.startsWith("../../") ? Path.of(a).toAbsolutePath().toString() : a).toList());
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until {@code when} holds for the run directory the process made under {@code out}; returns it. */
    private static Path await(Process p, Path out, Predicate<Path> when) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (p.isAlive() && System.nanoTime() < deadline) {
            Path run = null;
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    run = s.findFirst().orElse(null);
                }
            }
            if (run != null && when.test(run)) {
                return run;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the moment never came; the process " + (p.isAlive() ? "hangs" : "exited " + p.exitValue()));
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

    private static void signal(Process p, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor());
    }

    private static void assertNoCrashLog(Path cwd) throws IOException {
        for (Path dir : List.of(cwd, cwd.resolveSibling(cwd.getFileName() + "-crashes"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash log in " + dir);
                }
            }
        }
    }

    private static void assertNoTemporaryFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written file in " + dir);
        }
    }

    /** Resumes in this JVM and checks the completed run against the uninterrupted one; returns the resume's stderr. */
    private String resumeToTheEnd(Path run, String name) throws IOException {
        // the jobs write their progress to the process's standard error
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        CliTest.Outcome resumed;
        System.setErr(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            resumed = CliTest.run("pretrain", "--resume", run.toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(0, resumed.code(), name + ": " + resumed.err());
        assertEquals(run, lastLine(resumed.out()));
        assertEquals("complete", runJson(run).get("state").asText(), name);
        assertEquals(expected, losses(run), name + ": the resumed losses equal the uninterrupted ones");
        assertNoTemporaryFile(run);
        return progress.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String resumeLine(String err) {
        return err.lines().filter(l -> l.startsWith("resuming ")).findFirst().orElseThrow(() -> new AssertionError(err));
    }

    @Test
    void sigtermStopsBetweenStepsWritesAStateAndResumesExactly() throws Exception {
        Stopped term = stopAfter("term", 10, "TERM");
        Path run = term.run();
        String log = term.log();
        assertEquals(143, term.exit(), log);
        JsonNode state = runJson(run);
        assertEquals("interrupted", state.get("state").asText());
        assertEquals("SIGTERM", state.get("signal").asText());
        long step = losses(run).size();
        String line = "interrupted at step " + step + " by SIGTERM; resume with: selfsup pretrain --resume " + run;
        assertEquals(line, log.strip().lines().reduce((a, b) -> b).orElseThrow(), "the last line says where and how to go on");
        assertEquals(line, state.get("reason").asText());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/state-" + step + ".bin")), "a state at the step it stopped");
        assertNoCrashLog(term.cwd());
        assertNoTemporaryFile(run);

        // a copy whose newest state is damaged resumes from the one before and names the skipped one
        Path newestDamaged = copy(run, tmp.resolve("newest-damaged"));
        List<Path> states = TrainingState.files(newestDamaged.resolve("checkpoints")); // newest first
        flipAByte(states.get(0));
        String skipped = states.get(0).getFileName().toString();
        String older = states.get(1).getFileName().toString().replaceAll("\\D", "");

        // a copy whose every state is damaged resumes from the start and says why
        Path damaged = copy(run, tmp.resolve("damaged-states"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(damaged.resolve("checkpoints"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("state-")).sorted().toList()) {
                flipAByte(f);
                names.add(f.getFileName().toString());
            }
        }
        assertTrue(names.size() >= 2, names.toString());

        assertEquals("resuming " + run + " from step " + step, resumeLine(resumeToTheEnd(run, "SIGTERM")));
        assertEquals("resuming " + damaged + " from the start: every training state is damaged (checksum failing): "
                + String.join(", ", names), resumeLine(resumeToTheEnd(damaged, "damaged states")));
        assertEquals("resuming " + newestDamaged + " from step " + older + "; skipped damaged (checksum failing): " + skipped,
                resumeLine(resumeToTheEnd(newestDamaged, "newest state damaged")));
    }

    private static void flipAByte(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
    }

    /** A pretraining process that was sent signals: its run, working directory, exit status and output. */
    private record Stopped(Path run, Path cwd, int exit, String log) {}

    /** Starts a pretraining process, sends it {@code signals} once it has logged {@code steps} steps, waits for its end. */
    private static Stopped stopAfter(String name, int steps, String... signals) throws Exception {
        Path cwd = tmp.resolve(name + "-cwd");
        Path out = tmp.resolve(name);
        Path log = tmp.resolve(name + ".log");
        Process p = start(cwd, log, args(out));
        Path run = await(p, out, afterSteps(steps));
        for (String s : signals) {
            signal(p, s);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Stopped(run, cwd, p.exitValue(), Files.readString(log));
    }

    @Test
    void aSecondSignalEndsTheProcessAtOnceAndTheRunStaysResumable() throws Exception {
        Stopped twice = stopAfter("twice", 14, "TERM", "INT");
        assertEquals(130, twice.exit(), "ended by the second signal, SIGINT: " + twice.log());
        assertEquals("running", runJson(twice.run()).get("state").asText(), "ended before it could mark the run");
        assertNoCrashLog(twice.cwd());
        resumeToTheEnd(twice.run(), "second signal");
    }

    @Test
    void sigkillBeforeAnyStateAndWhileWritingOneResumeExactly() throws Exception {
        Path out = tmp.resolve("kill-early");
        Process p = start(tmp.resolve("kill-early-cwd"), tmp.resolve("kill-early.log"), args(out));
        Path early = await(p, out, afterSteps(2));
        p.destroyForcibly().waitFor(); // SIGKILL on Linux
        assertEquals("running", runJson(early).get("state").asText(), "a killed run is not marked complete");
        assertEquals("resuming " + early + " from the start (no training state was written yet)",
                resumeLine(resumeToTheEnd(early, "before any state")));

        // the signal lands a few milliseconds after the temporary file appears: should the write have
        // finished by then, try again with a new process (at most three times)
        Path writing = null;
        for (int attempt = 1; attempt <= 3 && writing == null; attempt++) {
            Path o = tmp.resolve("kill-writing-" + attempt);
            Process q = start(tmp.resolve("kill-writing-cwd"), tmp.resolve("kill-writing.log"), args(o));
            Path run = await(q, o, r -> Files.exists(r.resolve("checkpoints/.state-8.bin.tmp")));
            q.destroyForcibly().waitFor();
            writing = Files.exists(run.resolve("checkpoints/.state-8.bin.tmp")) ? run : null;
        }
        assertTrue(writing != null, "killed inside the write");
        assertFalse(Files.exists(writing.resolve("checkpoints/state-8.bin")), "the state being written is not there");
        assertEquals("resuming " + writing + " from step 4", resumeLine(resumeToTheEnd(writing, "writing state 8")));

        CliTest.assertOneLineError(CliTest.run("pretrain", "--resume", straight.toString()),
                straight + ": run state must be unfinished to resume, found complete; the run is done; probe or export it");
    }

    @Test
    void sigintDuringTheProbeWritesNothing() throws Exception {
        Path run = copy(straight, tmp.resolve("probed"));
        Path cwd = tmp.resolve("probe-cwd");
        Process p = start(cwd, tmp.resolve("probe.log"), List.of("probe", run.toString(), "--device", "cpu"));
        // the probe extracts 70,000 images' features first (tens of seconds); the handler is in place
        // within a second of the JVM's start
        Thread.sleep(6000);
        assertTrue(p.isAlive(), "still probing");
        signal(p, "INT");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("probe.log"));
        assertEquals(130, p.exitValue(), log);
        assertEquals("interrupted during the probe of " + run + " by SIGINT; probe.json is unchanged; probe again with: "
                + "selfsup probe " + run, log.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertFalse(Files.exists(run.resolve("probe.json")));
        assertEquals("complete", runJson(run).get("state").asText());
        assertNoTemporaryFile(run);
        assertNoCrashLog(cwd);
    }

    @Test
    void aDamagedParameterFileIsNamedDamagedAndAnotherModelsIsNamedSo() throws Exception {
        Path cut = copy(straight, tmp.resolve("cut"));
        Path params = cut.resolve("checkpoints/final.params");
        byte[] whole = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(whole, whole.length / 3));
        String model = String.format(java.util.Locale.ROOT, "the recipe's model is %s", arraysAndBytes(whole.length));
        CliTest.assertOneLineError(CliTest.run("probe", cut.toString()), String.format(java.util.Locale.ROOT,
                "%s: checkpoint must be intact, found a damaged file (%,d bytes, shorter than the model; %s); it was cut or "
                        + "changed after it was written: restore it, or train again", params, whole.length / 3, model));

        Path flipped = copy(straight, tmp.resolve("flipped"));
        Path flippedParams = flipped.resolve("checkpoints/final.params");
        byte[] b = whole.clone();
        b[b.length / 2] ^= 1;
        Files.write(flippedParams, b);
        CliTest.assertOneLineError(CliTest.run("embed", flipped.toString()), String.format(java.util.Locale.ROOT,
                "%s: checkpoint must be intact, found a damaged file (%,d bytes, its checksum failing; %s)", flippedParams,
                whole.length, model));

        Path other = copy(straight, tmp.resolve("other"));
        Path recipe = other.resolve("resolved-recipe.yaml");
        Files.writeString(recipe, Files.readString(recipe).replace("hidden: 16384", "hidden: 512"));
        CliTest.assertOneLineError(CliTest.run("probe", other.toString()), other.resolve("checkpoints/final.params")
                + ": checkpoint must be parameters of the recipe's model, found an intact file of other shapes (weight "
                + "(16384, 128) where the recipe's model has (512, 128)); was the recipe changed after training?");
    }

    /** "N parameter arrays in M bytes" of the quickstart network with the wide head: M is the whole file. */
    private static String arraysAndBytes(long fileBytes) {
        return String.format(java.util.Locale.ROOT, "%d parameter arrays in %,d bytes", QUICKSTART_ARRAYS, fileBytes);
    }

    /** The quickstart ConvNet [32, 64, 128] with BatchNorm and its two-layer head: counted in DESCRIBE. */
    private static final int QUICKSTART_ARRAYS = quickstartArrays();

    private static int quickstartArrays() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.selfsup4j.recipe.Recipe r = org.selfsup4j.recipe.RecipeLoader.load(Path.of("../../recipes/quickstart.yaml"),
                    List.of("model.head.hidden=16384"));
            org.selfsup4j.encoders.HypersphereNetwork net = new org.selfsup4j.encoders.HypersphereNetwork(r.model());
            net.initialize(m, new ai.djl.ndarray.types.Shape(1, 1, 28, 28), 0);
            return net.parameters().size();
        }
    }

    private static Path copy(Path run, Path to) {
        try (Stream<Path> s = Files.walk(run)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(run.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
