package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.selfsup4j.app.BenchmarkJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup benchmark eval/SUITE.yaml [--results DIR] [--runs DIR] [--fresh] [--device D]}. */
@Command(name = "benchmark",
        header = "Run a benchmark suite (recipes x seeds plus baselines) and write its results.", mixinStandardHelpOptions = true,
        description = {"Run a benchmark suite (recipes x seeds plus baselines), probe every cell, and write",
            "RESULTS/NAME.md (mean +- std over seeds, wall time, settings), NAME.jsonl and NAME.png.",
            "Resumable: cells already in NAME.jsonl with the same settings are kept. Exits 1 if a cell failed.",
            "Last line: the results page."})
final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE.yaml", description = "the suite, e.g. eval/fashion-mnist-quick.yaml")
    private Path suite;

    @Option(names = "--results", paramLabel = "DIR", description = "where NAME.md/.jsonl/.png go (default: results/ next to the suite)")
    private Path results;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs/benchmark",
            description = "parent of the suite's run directories (default: ${DEFAULT-VALUE})")
    private Path runs;

    @Option(names = "--fresh", description = "rerun every cell, ignoring NAME.jsonl")
    private boolean fresh;

    @Option(names = "--report-only", description = "run nothing: rewrite NAME.md and NAME.png from NAME.jsonl")
    private boolean reportOnly;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N (overrides the recipes)")
    private String device;

    @Override
    public Integer call() {
        DeviceOption.parse(device);
        BenchmarkJob.Outcome o = BenchmarkJob.run(suite, results, runs, fresh, reportOnly, device, System.err);
        spec.commandLine().getErr().printf(Locale.ROOT, "benchmark: %d cells run, %d reused, %d failed%n", o.ran(), o.reused(),
                o.failed());
        spec.commandLine().getOut().println(o.markdown());
        return o.failed() > 0 ? 1 : 0;
    }
}
