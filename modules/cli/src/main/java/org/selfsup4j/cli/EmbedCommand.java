package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.app.EmbedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup embed RUN_DIR [--split test|train|unlabeled|all] [--out DIR]}. */
@Command(name = "embed",
        header = "Export a run's frozen features as .npy and CSV, with a 2-D PCA map.", mixinStandardHelpOptions = true,
        description = {"Export a run's frozen features as .npy (float32 features, int32 labels) and CSV, plus the",
            "test split's 2-D PCA map (map-pca.png). Prints the written files, one per line."})
final class EmbedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory printed by 'selfsup pretrain'")
    private Path runDir;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "test, train, unlabeled or all (every split the data has; default: ${DEFAULT-VALUE})")
    private String split;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: RUN_DIR/embeddings)")
    private Path out;

    @Override
    public Integer call() {
        List<Path> files = EmbedJob.run(runDir, split, out, System.err);
        files.forEach(f -> spec.commandLine().getOut().println(f));
        return 0;
    }
}
