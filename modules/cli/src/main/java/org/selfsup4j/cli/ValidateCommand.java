package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.recipe.RecipeWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code selfsup validate RECIPE.yaml [--set a.b=v]... [--print]}. */
@Command(name = "validate",
        header = "Parse and validate a recipe without running it.", mixinStandardHelpOptions = true,
        description = "Parse and validate a recipe without running it.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE.yaml", description = "the recipe")
    private Path recipe;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a recipe value")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--print", description = "print the resolved recipe")
    private boolean print;

    @Override
    public Integer call() {
        Recipe r = RecipeLoader.load(recipe, sets);
        if (print) {
            spec.commandLine().getOut().print(RecipeWriter.toYaml(r));
        }
        spec.commandLine().getOut().println("ok: " + recipe + " (" + r.name() + ")");
        return 0;
    }
}
