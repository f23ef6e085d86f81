package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.autoencoders.SaeSpec;
import org.selfsup4j.app.SaeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup sae RUN_DIR [--layer N] [--expansion E] [--l1 λ] [--epochs N] [--batch-size B] [--lr R] [--seed S] [--out DIR]}. */
@Command(name = "sae",
        header = "Train a sparse autoencoder on a run's frozen encoder outputs.", mixinStandardHelpOptions = true,
        description = {"Sparse autoencoder on a run's frozen encoder outputs (interpretability):",
            "writes OUT/sae.json (reconstruction, L0, dead features) and OUT/top-activations.png.",
            "Last line: test_fvu=<x> test_l0=<y> dead_features=<n>"})
final class SaeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory printed by 'selfsup pretrain'")
    private Path runDir;

    @Option(names = "--expansion", paramLabel = "E", description = "features per activation dimension (default 8)")
    private int expansion = SaeSpec.defaults().expansion();

    @Option(names = "--l1", paramLabel = "LAMBDA", description = "L1 weight on feature activations (default 1)")
    private double l1 = SaeSpec.defaults().l1();

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training activations (default 20)")
    private int epochs = SaeSpec.defaults().epochs();

    @Option(names = "--batch-size", paramLabel = "B", description = "activations per step (default 256)")
    private int batchSize = SaeSpec.defaults().batchSize();

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default 1e-3)")
    private double lr = SaeSpec.defaults().lr();

    @Option(names = "--seed", paramLabel = "S", description = "root seed (default 0)")
    private long seed = SaeSpec.defaults().seed();

    @Option(names = "--layer", paramLabel = "N",
            description = "use the outputs of the encoder's layer N (convnet, mlp), averaged over positions (default: f(x))")
    private int layer = -1;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default RUN_DIR/sae)")
    private Path out;

    @Override
    public Integer call() {
        SaeSpec settings = new SaeSpec(expansion, l1, epochs, batchSize, lr, seed);
        Map<String, Object> report = SaeJob.run(runDir, settings, layer, out, System.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) report.get("test");
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "test_fvu=%.4f test_l0=%.2f dead_features=%d",
                (double) test.get("fraction_of_variance_unexplained"), (double) test.get("l0"), (int) test.get("dead_features")));
        return 0;
    }
}
