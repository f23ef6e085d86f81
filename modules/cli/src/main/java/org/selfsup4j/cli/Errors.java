package org.selfsup4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.SelfsupException;
import picocli.CommandLine;

/**
 * Turns failures into the house one-line format on standard error (DESIGN.md principle 9), and a
 * signal's {@link Interrupted} into its one line and {@code 128 + signal number}.
 */
final class Errors {
    /** Exit status for bad input. */
    static final int BAD_INPUT = 2;

    private Errors() {}

    /** Unknown commands and flags, missing or malformed arguments. */
    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            String where = cmd.getCommandSpec().qualifiedName();
            String line;
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String arg = u.getUnmatched().get(0);
                List<String> suggestions = u.getSuggestions();
                String what = arg.startsWith("-") ? "option" : "argument";
                line = SelfsupException.of(where, what, "one this command knows", "'" + arg + "'",
                        (suggestions.isEmpty() ? "" : "did you mean '" + suggestions.get(0) + "'? ")
                                + "see '" + where + " --help'").getMessage();
            } else {
                line = where + ": " + ex.getMessage() + "; see '" + where + " --help'";
            }
            cmd.getErr().println(line);
            return BAD_INPUT;
        }
    }

    /** Failures while a command runs. */
    static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            if (ex instanceof Interrupted stopped) {
                err.println(stopped.getMessage());
                return stopped.exitStatus();
            }
            SelfsupException se = find(ex);
            if (se != null) {
                err.println(se.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof ai.djl.engine.EngineException) {
                err.println("engine: PyTorch must load, found " + oneLine(ex.getMessage())
                        + "; check DJL_CACHE_DIR and PYTORCH_LIBRARY_PATH");
                return BAD_INPUT;
            }
            if (System.getenv("SELFSUP_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.println(cmd.getCommandSpec().qualifiedName() + ": internal error " + ex.getClass().getSimpleName()
                    + ": " + oneLine(ex.getMessage()) + "; set SELFSUP_DEBUG=1 for the stack trace");
            return 1;
        }

        private static SelfsupException find(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof SelfsupException s) {
                    return s;
                }
            }
            return null;
        }

        private static String oneLine(String s) {
            return s == null ? "" : s.split("\n")[0];
        }
    }
}
