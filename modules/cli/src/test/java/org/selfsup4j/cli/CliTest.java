package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract for bad input: one line, exit status 2, no stack trace, nothing written. */
class CliTest {
    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    static void assertOneLineError(Outcome o, String expectedStart) {
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith(expectedStart), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void versionAndHelp() {
        Outcome v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("selfsup4j "), v.out());
        for (String cmd : new String[] {"pretrain", "probe", "validate", "augment-preview", "export", "describe", "benchmark",
            "embed", "report"}) {
            Outcome h = run(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: selfsup " + cmd), h.out());
        }
        // the top-level help shows each command's whole one-sentence summary
        String top = run("--help").out();
        String flat = top.replaceAll("\\s+", " ");
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            String[] header = sub.getValue().getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, sub.getKey() + " has a one-line summary");
            assertTrue(header[0].endsWith("."), header[0]);
            assertTrue(flat.contains(sub.getKey() + " " + header[0]), sub.getKey() + " in\n" + top);
        }
    }

    @Test
    void unknownCommandAndFlag() {
        assertOneLineError(run("pretrian"), "selfsup: argument must be one this command knows, found 'pretrian'; did you mean 'pretrain'?");
        assertOneLineError(run("validate", "x.yaml", "--sett", "a=b"), "selfsup validate: option must be one this command knows, found '--sett'");
        assertOneLineError(run("probe"), "probe: arguments must be RUN_DIR or --encoder pixels --out DIR, found neither");
        assertOneLineError(run("pretrain"), "pretrain: arguments must be RECIPE.yaml or --resume RUN_DIR, found neither");
    }

    @Test
    void pixelProbeAndResumeFlagsMustFit() {
        assertOneLineError(run("probe", "--encoder", "pixel", "--out", tmp.toString()),
                "--encoder: must be pixels, found 'pixel'; or give a RUN_DIR instead");
        assertOneLineError(run("probe", "--encoder", "pixels"),
                "--encoder pixels: arguments must be --out DIR and no RUN_DIR, found no --out");
        assertOneLineError(run("probe", tmp.toString(), "--encoder", "pixels", "--out", tmp.toString()),
                "--encoder pixels: arguments must be --out DIR and no RUN_DIR, found a RUN_DIR");
        assertOneLineError(run("probe", tmp.toString(), "--out", tmp.toString()),
                "--out: --encoder must be pixels when --out is given, found none; a run's probe.json goes in RUN_DIR");
        assertOneLineError(run("pretrain", "x.yaml", "--resume", tmp.toString()),
                "--resume: other arguments must be absent, found RECIPE.yaml, --set or --device; the run's "
                        + "resolved-recipe.yaml is used as it was");
        assertOneLineError(run("pretrain", "--resume", tmp.resolve("nope").toString()),
                tmp.resolve("nope") + ": run directory must be a pretraining run (with resolved-recipe.yaml), found no such "
                        + "directory; pass a folder printed by 'selfsup pretrain'");
    }

    @Test
    void badRecipeIsOneLineWithFileAndLine() throws Exception {
        Path r = tmp.resolve("bad.yaml");
        Files.writeString(r, "train:\n  epochs: 0\n");
        assertOneLineError(run("validate", r.toString()), r + ":2: train.epochs must be an integer >= 1, found 0");
        Outcome ok = run("validate", "../../recipes/quickstart.yaml");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void unwritableOutputLeavesNothingBehind() throws Exception {
        Path file = tmp.resolve("occupied");
        Files.writeString(file, "x");
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"}) {
            boolean images = f.contains("images");
            int n = f.startsWith("train") ? 20 : 10;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(images ? 16 + n * 784 : 8 + n);
            b.put(new byte[] {0, 0, 8, (byte) (images ? 3 : 1)}).putInt(n);
            if (images) {
                b.putInt(28).putInt(28);
            }
            Files.write(data.resolve(f), b.array());
        }
        Outcome o = run("pretrain", "../../recipes/quickstart.yaml", "--set", "data.path=" + data,
                "--set", "train.batch_size=4", "--out", file.resolve("runs").toString());
        assertOneLineError(o, file.resolve("runs") + ": output directory must be a writable folder");
        assertFalse(Files.exists(file.resolve("runs")));
    }

    @Test
    void missingDatasetCreatesNoRunDirectory() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path runs = tmp.resolve("runs");
        Outcome o = run("pretrain", "../../recipes/quickstart.yaml", "--set", "data.path=" + empty, "--out", runs.toString());
        assertOneLineError(o, empty + ": data.path must be a folder holding");
        assertFalse(Files.exists(runs));
    }

    @Test
    void probingSomethingThatIsNotARun() {
        assertOneLineError(run("probe", tmp.toString()), tmp + ": run directory must be a pretraining run");
        assertOneLineError(run("embed", tmp.toString()), tmp + ": run directory must be a pretraining run");
        assertOneLineError(run("report", tmp.toString()), tmp + ": run directory must be a pretraining run");
        assertOneLineError(run("embed", tmp.toString(), "--split", "val"), "--split: must be one of [test, train, unlabeled, all], found 'val'");
    }

    @Test
    void badSuitesAndFlagsAreOneLineAndRunNothing() throws Exception {
        Path results = tmp.resolve("results");
        assertOneLineError(run("benchmark", tmp.resolve("none.yaml").toString(), "--results", results.toString()),
                tmp.resolve("none.yaml") + ": suite must be an existing YAML file, found no such file");
        Path bad = tmp.resolve("bad.yaml");
        Path quickstart = Path.of("../../recipes/quickstart.yaml").toAbsolutePath().normalize();
        Files.writeString(bad, "seeds: [0]\nrecipes:\n  - {recipe: " + quickstart + ", set: [train.epoch=1]}\n");
        assertOneLineError(run("benchmark", bad.toString(), "--results", results.toString(), "--runs", tmp.toString()),
                "--set train.epoch: key 'train.epoch' must be one of");
        assertOneLineError(run("benchmark", bad.toString(), "--device", "tpu"),
                "--device: must be one of auto, cpu, gpu, gpu:N, found 'tpu'");
        assertOneLineError(run("pretrain", "../../recipes/quickstart.yaml", "--device", "tpu", "--out", results.toString()),
                "--device: must be one of auto, cpu, gpu, gpu:N, found 'tpu'");
        assertOneLineError(run("probe", tmp.toString(), "--device", "gpu:7"),
                "--device: 'gpu:7' must be a GPU the engine can see (");
        assertFalse(Files.exists(results), "nothing written for a bad suite");
    }

    @Test
    void describeListsEveryRegisteredComponentWithItsDefaults() {
        Outcome md = run("describe", "--markdown");
        assertEquals(org.selfsup4j.recipe.Catalogue.markdown(), md.out(), "the whole reference, nothing cut at exit");
        Outcome all = run("describe");
        assertEquals(0, all.code(), all.err());
        for (var family : org.selfsup4j.recipe.Registry.families().entrySet()) {
            for (Class<? extends Record> member : family.getValue()) {
                String type = org.selfsup4j.recipe.Registry.typeName(member);
                assertTrue(all.out().lines().anyMatch(l -> l.startsWith("  " + type + " ")), type + " listed");
            }
        }
        for (String preset : org.selfsup4j.augment.Presets.names()) {
            assertTrue(all.out().contains("  " + preset + " "), preset);
        }
        Outcome resnet = run("describe", "resnet");
        assertEquals(0, resnet.code(), resnet.err());
        assertEquals(List.of("encoders (model.encoder)",
                "  resnet                 ResNet-18/34 with basic blocks; small (3x3, no max-pool) or imagenet stem",
                "                         depth: 18, width: 64, stem: small"), resnet.out().strip().lines().toList());
        Outcome losses = run("describe", "losses");
        assertTrue(losses.out().contains("  info_nce ") && losses.out().contains("temperature: 0.5"), losses.out());
        assertOneLineError(run("describe", "resnett"),
                "describe: name must be a family or a type, found 'resnett'; did you mean 'resnet'?");
    }

    @Test
    void exportOfAMissingOrIncompleteRunIsOneLine() throws Exception {
        assertOneLineError(run("export", tmp.resolve("nope").toString(), "--out", tmp.resolve("x").toString()),
                tmp.resolve("nope").toString());
        assertFalse(Files.exists(tmp.resolve("x")));
        assertOneLineError(run("export", tmp.toString()), "selfsup export: Missing required option: '--out=DIR'");
    }
}
