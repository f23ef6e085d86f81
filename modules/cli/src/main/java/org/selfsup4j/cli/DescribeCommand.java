package org.selfsup4j.cli;

import java.io.PrintWriter;
import java.util.List;

import java.util.concurrent.Callable;

import org.selfsup4j.recipe.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup describe [FAMILY|TYPE] [--markdown]}: every recipe section and component, with options and defaults. */
@Command(name = "describe",
        header = "List every recipe section and component with its options and defaults.", mixinStandardHelpOptions = true,
        description = {"List every recipe section (data, augment, optimizer, train, eval, the top-level keys) and every "
            + "component type a recipe can name (methods with the sections they read, encoders, heads, losses, miners, "
            + "hard-negative weightings, augmentations, augmentation presets) with its options and defaults.",
            "Give a family (e.g. sections, encoders) or a type (e.g. resnet, train) to show only those."})
final class DescribeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "a family or a type")
    private String name;

    @Option(names = "--markdown", description = "print the whole catalogue as Markdown (docs/reference.md)")
    private boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(Catalogue.markdown());
            return 0;
        }
        List<Catalogue.Entry> entries = Catalogue.select(name);
        String family = null;
        for (Catalogue.Entry e : entries) {
            if (!e.family().equals(family)) {
                if (family != null) {
                    out.println();
                }
                family = e.family();
                out.println(family + (e.key().isEmpty() || family.equals("sections") ? "" : " (" + e.key() + ")"));
            }
            out.printf("  %-22s %s%n", e.type(), e.doc());
            if (!e.options().isEmpty()) {
                out.printf("  %-22s %s%n", "", Catalogue.options(e.options()));
            }
        }
        return 0;
    }
}
