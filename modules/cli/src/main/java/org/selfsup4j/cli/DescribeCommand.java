package org.selfsup4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.selfsup4j.recipe.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfsup describe [FAMILY|TYPE]}: every component a recipe can name, with options and defaults. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"List every component type a recipe can name (methods, encoders, heads, losses, miners, "
            + "hard-negative weightings, augmentations, augmentation presets) with its options and defaults.",
            "Give a family (e.g. encoders) or a type (e.g. resnet) to show only those."})
final class DescribeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "a family or a type")
    private String name;

    @Override
    public Integer call() {
        List<Catalogue.Entry> entries = Catalogue.select(name);
        PrintWriter out = spec.commandLine().getOut();
        String family = null;
        for (Catalogue.Entry e : entries) {
            if (!e.family().equals(family)) {
                if (family != null) {
                    out.println();
                }
                family = e.family();
                out.println(family + " (" + e.key() + ")");
            }
            out.printf("  %-22s %s%n", e.type(), e.doc());
            if (!e.options().isEmpty()) {
                out.printf("  %-22s %s%n", "", options(e.options()));
            }
        }
        return 0;
    }

    static String options(Map<String, Object> options) {
        return options.entrySet().stream().map(o -> o.getKey() + ": " + render(o.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String render(Object v) {
        if (v == null) {
            return "(required)";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(x -> x.getKey() + ": " + render(x.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(DescribeCommand::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }
}
