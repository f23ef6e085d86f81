package org.selfsup4j.cli;

import java.io.PrintWriter;
import org.selfsup4j.core.StopSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code selfsup} command line: {@code pretrain}, {@code probe}, {@code validate}, {@code augment-preview}, {@code export}, {@code describe}. Errors in user
 * input print one line in the house format and exit with status 2; no stack trace is shown (set
 * {@code SELFSUP_DEBUG=1} to see one for an internal error). SIGTERM, SIGINT and SIGHUP stop a job at its
 * next safe point ({@link StopSignal}); the job says where in one line and the process exits with 143,
 * 130 or 129.
 */
@Command(name = "selfsup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Self-supervised representation learning on DJL: pretrain from YAML recipes, probe the result.",
        subcommands = {PretrainCommand.class, ProbeCommand.class, ValidateCommand.class, AugmentPreviewCommand.class,
            ExportCommand.class, DescribeCommand.class, SaeCommand.class, SubspaceCommand.class, BenchmarkCommand.class, EmbedCommand.class, ReportCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args the arguments
     */
    public static void main(String[] args) {
        StopSignal.install();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line (used by {@link #main} and by tests).
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit status: 0 success, 2 bad input, 1 internal error
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new Errors.ParameterHandler());
        cli.setExecutionExceptionHandler(new Errors.ExecutionHandler());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("selfsup: memory must be available for the job, found OutOfMemoryError: "
                    + String.valueOf(e.getMessage()).split("\n")[0] + "; raise the JVM limits (SELFSUP_JAVA_OPTS, e.g. "
                    + "-Xmx12g -XX:MaxDirectMemorySize=1g) or use a smaller model or data.limit");
            return 1;
        } finally {
            out.flush(); // autoflush covers println only: a command's last print must not be lost at exit
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (pretrain, probe, validate, augment-preview, export, describe)");
    }
}
