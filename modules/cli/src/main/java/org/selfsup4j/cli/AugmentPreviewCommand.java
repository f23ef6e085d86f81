package org.selfsup4j.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.app.AugmentPreview;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.RecipeLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup augment-preview RECIPE.yaml --out grid.png [--images N] [--set a.b=v]...}. */
@Command(name = "augment-preview",
        header = "Draw a recipe's views as a labelled PNG grid.", mixinStandardHelpOptions = true,
        description = {"Draw a recipe's views as a PNG grid: rows are training images, columns the original and "
            + "each view (the views of step 0 under the recipe's seed).", "Last line: wrote <file>"})
final class AugmentPreviewCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE.yaml", description = "the recipe")
    private Path recipe;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    private Path out;

    @Option(names = "--images", paramLabel = "N", description = "rows, 1 to 64 (default: ${DEFAULT-VALUE})")
    private int images = 8;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a recipe value")
    private List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw bad("--out", "a file name ending in .png", "'" + out + "'");
        }
        if (Files.isDirectory(out)) {
            throw bad("--out", "a file, not a folder", "'" + out + "'");
        }
        if (images < 1 || images > AugmentPreview.MAX_IMAGES) {
            throw bad("--images", "in [1, " + AugmentPreview.MAX_IMAGES + "]", images);
        }
        Recipe given = RecipeLoader.load(recipe, sets);
        org.selfsup4j.data.Splits splits = given.data().load();
        Recipe r = given.withDataStatistics(splits);
        ImageSet train = r.data().pretrainImages(splits);
        byte[] png;
        try (NDManager m = NDManager.newBaseManager(r.deviceSpec().resolve(Engine.getInstance()))) {
            png = AugmentPreview.png(r, train, images, m);
        }
        RunDirectory.writeAtomically(out, png);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    private ParameterException bad(String flag, String constraint, Object found) {
        return new ParameterException(spec.commandLine(), flag + " must be " + constraint + ", found " + found);
    }
}
