package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.selfsup4j.app.SubspaceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup subspace RUN_A RUN_B}. */
@Command(name = "subspace",
        header = "Principal angles between the subspaces of two linear runs.", mixinStandardHelpOptions = true,
        description = {"Principal angles between the subspaces of two linear runs (pca, or a linear autoencoder).",
            "Last line: largest_angle_deg=<x> mean_angle_deg=<y>"})
final class SubspaceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "a linear run directory")
    private Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "another")
    private Path runB;

    @Override
    public Integer call() {
        double[] deg = SubspaceJob.anglesDegrees(runA, runB);
        var out = spec.commandLine().getOut();
        out.println("principal_angles_deg=" + Arrays.stream(deg).mapToObj(a -> String.format(Locale.ROOT, "%.3f", a))
                .collect(Collectors.joining(",")));
        out.println(String.format(Locale.ROOT, "largest_angle_deg=%.3f mean_angle_deg=%.3f", deg[deg.length - 1],
                Arrays.stream(deg).average().orElse(0)));
        return 0;
    }
}
