package org.selfsup4j.recipe;

import java.util.Arrays;
import java.util.Set;
import org.selfsup4j.train.RecipeSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.selfsup4j.core.SelfsupException;

/**
 * A benchmark suite, {@code eval/SUITE.yaml}: recipes × seeds plus baselines, each probed by the
 * standard protocol; {@code selfsup benchmark} runs it ({@link BenchmarkJob}).
 *
 * <pre>{@code
 * name: fashion-mnist
 * description: every recipe, one epoch each, full probe
 * seeds: [0, 1, 2]
 * set: [train.max_steps=235]            # applied to every recipe
 * baselines: [pixels]                   # raw pixels through the same probe, once per seed
 * recipes:
 *   - {recipe: ../recipes/simclr-fashion-mnist.yaml}
 *   - {recipe: ../recipes/resnet18-fashion-mnist.yaml, set: [train.max_steps=40]}
 * }</pre>
 *
 * <p>A cell (recipe, seed) is the recipe with the suite's {@code set}, then the entry's {@code set}, then
 * {@code seed=S} and {@code name=LABEL-sS}. A recipe's {@code eval} section sets its probe; without one the
 * probe defaults apply. The {@code pixels} baseline uses the default probe settings with the suite's
 * {@code eval.*} overrides.
 *
 * @param name the suite's name: results go to {@code RESULTS/NAME.md|.jsonl|.png}; default the file's name
 * @param description one line for the results page, default empty
 * @param seeds root seeds, each cell is run once per seed, default {@code [0, 1, 2]}
 * @param set overrides applied to every recipe, default none
 * @param baselines {@code pixels} (raw pixels through the same probe), default none
 * @param recipes the recipes, at least one
 */
public record BenchmarkSuite(String name, String description, List<Long> seeds, List<String> set, List<String> baselines,
        List<BenchmarkEntry> recipes) {
    /** The baselines a suite may name. */
    public static final List<String> BASELINES = List.of("pixels");

    /** Validates the fields. */
    public BenchmarkSuite {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SelfsupException.of("name", "", "letters, digits, '.', '_' or '-' (at most 64)", "'" + name + "'", null);
        }
        seeds = List.copyOf(seeds);
        set = List.copyOf(set);
        baselines = List.copyOf(baselines);
        recipes = List.copyOf(recipes);
        if (seeds.isEmpty()) {
            throw SelfsupException.of("seeds", "", "at least one seed", "[]", null);
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw SelfsupException.of("seeds", "", "distinct seeds", seeds, null);
        }
        for (String b : baselines) {
            if (!BASELINES.contains(b)) {
                throw SelfsupException.of("baselines", "", "a list of " + BASELINES, "'" + b + "'", null);
            }
        }
        if (recipes.isEmpty()) {
            throw SelfsupException.of("recipes", "", "at least one recipe", "[]", null);
        }
        Set<String> labels = new HashSet<>(BASELINES);
        for (BenchmarkEntry e : recipes) {
            if (!labels.add(e.name())) {
                throw SelfsupException.of("recipes", "label", "unique (and not a baseline's name)", "'" + e.name() + "' twice",
                        "give one of them a label");
            }
        }
    }

    /**
     * @param name the suite's name
     * @return the defaults; the one placeholder recipe is always replaced, since {@link #load} requires
     *     a {@code recipes} key
     */
    static BenchmarkSuite defaults(String name) {
        return new BenchmarkSuite(name, "", List.of(0L, 1L, 2L), List.of(), List.of(),
                List.of(new BenchmarkEntry("?", "", List.of())));
    }

    /**
     * Reads and checks a suite: the file, every key, and every recipe it names with its overrides
     * (bound as {@code selfsup pretrain} would), so a bad suite fails before anything runs.
     *
     * @param file the suite file
     * @return the suite
     */
    public static BenchmarkSuite load(Path file) {
        String source = file.toString();
        YamlNode root = YamlReader.parse(RecipeLoader.readText(file, "suite"), source);
        if (!(root instanceof YamlNode.Mapping mapping)) {
            throw SelfsupException.of(root.where(), "suite", "a YAML map (name, seeds, set, baselines, recipes)",
                    "something else", null);
        }
        if (!mapping.entries().containsKey("recipes")) {
            throw SelfsupException.of(source, "recipes", "a list of {recipe: FILE}", "no 'recipes' key", null);
        }
        String stem = RecipeLoader.stem(file);
        BenchmarkSuite suite = (BenchmarkSuite) SpecBinder.bind(BenchmarkSuite.class, mapping,
                defaults(stem.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? stem : "suite"), "");
        for (BenchmarkEntry e : suite.recipes()) {
            Path recipe = suite.recipeFile(file, e);
            if (!Files.isRegularFile(recipe)) {
                throw SelfsupException.of(source, "recipe '" + e.recipe() + "'", "a file relative to the suite's folder",
                        "no " + recipe, null);
            }
            RecipeLoader.load(recipe, suite.overrides(file, e, suite.seeds().get(0)));
        }
        if (!suite.baselines().isEmpty()) {
            suite.baselineProbe();
        }
        return suite;
    }

    /**
     * @param suiteFile the suite's file
     * @param entry one of its recipes
     * @return the recipe file
     */
    public Path recipeFile(Path suiteFile, BenchmarkEntry entry) {
        Path dir = suiteFile.toAbsolutePath().getParent();
        return dir.resolve(entry.recipe()).normalize();
    }

    /**
     * The overrides of one cell. The suite's shared {@code set} skips keys in sections the recipe's
     * method does not read ({@code optimizer.*} for PCA, {@code loss.*} for BYOL), since a recipe must
     * not hold those; an entry's own {@code set} is applied as written.
     *
     * @param suiteFile the suite's file
     * @param entry one of the recipes
     * @param seed the cell's seed
     * @return the cell's overrides, in order: suite, entry, seed, name
     */
    public List<String> overrides(Path suiteFile, BenchmarkEntry entry, long seed) {
        Set<RecipeSection> reads = RecipeLoader.load(recipeFile(suiteFile, entry), entry.set()).method().reads();
        List<String> all = new ArrayList<>();
        for (String o : set) {
            String key = o.split("=", 2)[0];
            if (Arrays.stream(RecipeSection.values()).noneMatch(sec -> !reads.contains(sec) && sec.holds(key))) {
                all.add(o);
            }
        }
        all.addAll(entry.set());
        all.add("seed=" + seed);
        all.add("name=" + entry.name() + "-s" + seed);
        return all;
    }

    /** @return the suite's {@code eval.*} overrides, in order: what the baselines take from {@code set} */
    public List<String> evalOverrides() {
        return set.stream().filter(s -> s.startsWith("eval.")).toList();
    }

    /** @return the baselines' probe settings: the defaults with the suite's {@code eval.*} overrides */
    public org.selfsup4j.probe.ProbeSpec baselineProbe() {
        List<String> evalSets = new ArrayList<>(evalOverrides());
        evalSets.add("eval.batch_size=512");
        Recipe r = RecipeLoader.parse("", "suite " + name + " (baselines)", "baseline", evalSets);
        return r.eval();
    }
}
