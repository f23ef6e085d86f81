package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.app.PretrainJob;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.RecipeLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code selfsup pretrain RECIPE.yaml [--set a.b=v]... [--out RUNS] [--device D]}. */
@Command(name = "pretrain",
        header = "Pretrain from a recipe into RUNS/<name>-<timestamp>/, or resume a run.", mixinStandardHelpOptions = true,
        description = {"Pretrain from a recipe into RUNS/<name>-<timestamp>/.",
            "Prints the probe line (when the recipe has an eval section) and, last, the run directory.",
            "With --resume RUN_DIR, continues a killed or failed run from its newest training state."})
final class PretrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE.yaml", description = "the recipe (not with --resume)")
    private Path recipe;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue an unfinished run from its newest training state, exactly as if never stopped")
    private Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a recipe value, e.g. train.max_steps=20")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "RUNS_DIR", defaultValue = "runs", description = "parent of the run directory (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N (overrides the recipe)")
    private String device;

    @Override
    public Integer call() {
        PretrainJob.Result result;
        if (resume != null) {
            if (recipe != null || !sets.isEmpty() || device != null) {
                throw SelfsupException.of("--resume", "other arguments", "absent", "RECIPE.yaml, --set or --device",
                        "the run's resolved-recipe.yaml is used as it was");
            }
            result = PretrainJob.resume(resume, System.err, System.console() != null);
        } else {
            if (recipe == null) {
                throw SelfsupException.of("pretrain", "arguments", "RECIPE.yaml or --resume RUN_DIR", "neither", null);
            }
            List<String> all = new ArrayList<>(sets);
            if (DeviceOption.parse(device) != null) {
                all.add("device=" + device);
            }
            Recipe r = RecipeLoader.load(recipe, all);
            result = PretrainJob.run(r, out, System.err, System.console() != null);
        }
        System.err.printf(java.util.Locale.ROOT, "pretrained %d steps in %.1f s%n", result.steps(), result.seconds());
        if (result.probe() != null) {
            spec.commandLine().getOut().println(result.probe().summaryLine());
        }
        spec.commandLine().getOut().println(result.runDir());
        return 0;
    }
}
