package org.selfsup4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.app.DataInspection;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.Datasets;
import org.selfsup4j.recipe.RecipeLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code selfsup data inspect SPEC_OR_PATH [--set KEY=VALUE]… [--grid FILE.png]}: what a recipe's data
 * section, a dataset name ({@code NAME} or {@code NAME:PATH}) or a folder finds ({@link DataInspection}).
 * A folder's format is recognised from its files: IDX files → {@code idx}, {@code data_batch_1.bin} →
 * {@code cifar10}, {@code train.bin} → {@code cifar100}, {@code train_X.bin} → {@code stl10}, else
 * {@code image_folder}.
 */
@Command(name = "data", header = "Inspect a dataset: splits, shape, classes, statistics, skipped files, a sample grid.",
        mixinStandardHelpOptions = true, subcommands = DataCommand.Inspect.class)
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: inspect");
    }

    /** {@code selfsup data inspect}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            header = "Print what a dataset holds and draw a sample grid, decoding it into the cache if needed.",
            description = {"SPEC_OR_PATH: a recipe (.yaml: its data section), a dataset name (fashion_mnist, mnist) or",
                "NAME:PATH (e.g. cifar10:/data/cifar-10-batches-bin), or a folder (its format recognised from its files)."})
    static final class Inspect implements Callable<Integer> {
        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SPEC_OR_PATH", description = "a recipe, NAME, NAME:PATH or a folder")
        private String what;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a data option, e.g. image_size=64 (repeatable)")
        private List<String> sets = new ArrayList<>();

        @Option(names = "--grid", paramLabel = "FILE.png", description = "where the sample grid goes (default: none)")
        private Path grid;

        @Override
        public Integer call() {
            if (grid != null && !grid.getFileName().toString().endsWith(".png")) {
                throw SelfsupException.of("--grid", "", "a file ending in .png", "'" + grid + "'", null);
            }
            DataInspection.run(dataSpec(), grid).forEach(spec.commandLine().getOut()::println);
            return 0;
        }

        private DataSpec dataSpec() {
            List<String> overrides = sets.stream().map(s -> s.startsWith("data.") ? s : "data." + s).toList();
            Path p = Path.of(what);
            if (what.endsWith(".yaml") || what.endsWith(".yml")) {
                return RecipeLoader.load(p, overrides).data();
            }
            String name;
            String path;
            int colon = what.indexOf(':');
            if (Datasets.names().contains(what)) {
                name = what;
                path = "";
            } else if (colon > 0 && Datasets.names().contains(what.substring(0, colon))) {
                name = what.substring(0, colon);
                path = what.substring(colon + 1);
            } else if (Files.isDirectory(p)) {
                name = detect(p);
                path = what;
            } else {
                throw SelfsupException.of(what, "SPEC_OR_PATH", "a recipe, one of " + Datasets.names() + ", NAME:PATH or a "
                        + "folder", Files.exists(p) ? "a file that is not a recipe" : "no such dataset or folder", null);
            }
            String text = "data:\n  dataset: " + name + "\n  path: '" + path.replace("'", "''") + "'\n";
            return RecipeLoader.parse(text, "data inspect", "inspect", overrides).data();
        }

        static String detect(Path dir) {
            if (Files.exists(dir.resolve("train-labels-idx1-ubyte")) || Files.exists(dir.resolve("train-labels-idx1-ubyte.gz"))) {
                return "idx";
            }
            if (Files.exists(dir.resolve("data_batch_1.bin")) || Files.isDirectory(dir.resolve("cifar-10-batches-bin"))) {
                return "cifar10";
            }
            if (Files.exists(dir.resolve("train.bin")) || Files.isDirectory(dir.resolve("cifar-100-binary"))) {
                return "cifar100";
            }
            if (Files.exists(dir.resolve("train_X.bin")) || Files.isDirectory(dir.resolve("stl10_binary"))) {
                return "stl10";
            }
            return "image_folder";
        }
    }
}
