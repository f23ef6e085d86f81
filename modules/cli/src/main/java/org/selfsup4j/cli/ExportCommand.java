package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selfsup4j.app.EncoderExport;
import org.selfsup4j.app.ExportedEncoderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup export RUN_DIR --out DIR}. */
@Command(name = "export",
        header = "Export a run's final encoder as a DJL model directory.", mixinStandardHelpOptions = true,
        description = {"Export a run's final encoder as a DJL model directory (encoder-0000.params, encoder.yaml, "
            + "serving.properties) that DJL's Criteria loads; see docs/library.md.",
            "Last line: the directory"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a complete run directory")
    private Path runDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the directory to create")
    private Path out;

    @Override
    public Integer call() {
        ExportedEncoderSpec s = EncoderExport.fromRun(runDir, out);
        spec.commandLine().getOut().println("exported " + s.model().encoder() + " (" + s.featureDim()
                + "-d features, input " + s.input() + ")");
        spec.commandLine().getOut().println(out);
        return 0;
    }
}
