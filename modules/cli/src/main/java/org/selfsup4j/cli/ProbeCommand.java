package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.app.ProbeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code selfsup probe RUN_DIR [--device D]}. */
@Command(name = "probe",
        header = "Linear probe and weighted kNN on a run's final encoder, or on raw pixels.", mixinStandardHelpOptions = true,
        description = {"Linear probe and weighted kNN on a run's final encoder; writes RUN_DIR/probe.json.",
            "With --encoder pixels --out DIR: the same on raw pixels, into DIR/probe.json.",
            "Last line: linear_probe_top1=<x> knn_top1=<y>"})
final class ProbeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR",
            description = "a run directory printed by 'selfsup pretrain' (not with --encoder pixels)")
    private Path runDir;

    @Option(names = "--encoder", paramLabel = "pixels",
            description = "pixels: probe raw pixels (a baseline) instead of a run; needs --out")
    private String encoder;

    @Option(names = "--data", paramLabel = "RECIPE.yaml",
            description = "with --encoder pixels: the recipe whose data section to probe (default: Fashion-MNIST)")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "with --encoder pixels: where probe.json goes")
    private Path out;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N (default: the run's)")
    private String device;

    @Override
    public Integer call() {
        DeviceSpec dev = DeviceOption.parse(device);
        ProbeReport report;
        if (encoder != null) {
            if (!encoder.equals("pixels")) {
                throw SelfsupException.of("--encoder", "", "pixels", "'" + encoder + "'", "or give a RUN_DIR instead");
            }
            if (runDir != null || out == null) {
                throw SelfsupException.of("--encoder pixels", "arguments", "--out DIR and no RUN_DIR",
                        (runDir != null ? "a RUN_DIR" : "no --out"), null);
            }
            report = ProbeJob.pixels(out, dev, data == null ? null
                    : org.selfsup4j.recipe.RecipeLoader.load(data, java.util.List.of()).data().load(), System.err);
        } else {
            if (runDir == null) {
                throw SelfsupException.of("probe", "arguments", "RUN_DIR or --encoder pixels --out DIR", "neither", null);
            }
            if (data != null) {
                throw SelfsupException.of("--data", "--encoder", "pixels when --data is given", "none",
                        "a run probes the data its recipe names");
            }
            if (out != null) {
                throw SelfsupException.of("--out", "--encoder", "pixels when --out is given", "none",
                        "a run's probe.json goes in RUN_DIR");
            }
            report = ProbeJob.run(runDir, null, dev, null, System.err);
        }
        spec.commandLine().getOut().println(report.summaryLine());
        return 0;
    }
}
