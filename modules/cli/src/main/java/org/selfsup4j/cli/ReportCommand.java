package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selfsup4j.app.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup report RUN_DIR}. */
@Command(name = "report",
        header = "(Re)write a run's report.html.", mixinStandardHelpOptions = true,
        description = {"(Re)write RUN_DIR/report.html: state, probe figures, loss/lr/online-probe curves, figures,",
            "recipe and provenance; pretrain and probe write it too. Last line: the report's path."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory printed by 'selfsup pretrain'")
    private Path runDir;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(RunReport.write(runDir));
        return 0;
    }
}
