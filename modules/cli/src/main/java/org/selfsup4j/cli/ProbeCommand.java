package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.probe.ProbeReport;
import org.selfsup4j.recipe.ProbeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code selfsup probe RUN_DIR [--device D]}. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Linear probe and weighted kNN on a run's final encoder; writes RUN_DIR/probe.json.",
            "Last line: linear_probe_top1=<x> knn_top1=<y>"})
final class ProbeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory printed by 'selfsup pretrain'")
    private Path runDir;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N (default: the run's)")
    private String device;

    @Override
    public Integer call() {
        ProbeReport report = ProbeJob.run(runDir, null, device == null ? null : DeviceSpec.parse(device), null,
                System.err);
        spec.commandLine().getOut().println(report.summaryLine());
        return 0;
    }
}
