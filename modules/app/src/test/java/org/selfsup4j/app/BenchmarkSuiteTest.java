package org.selfsup4j.app;

import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.recipe.Recipe;
import org.selfsup4j.recipe.BenchmarkSuite;
import org.selfsup4j.recipe.BenchmarkEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SelfsupException;

/** Suites load with their defaults and overrides; every shipped recipe is in the published suite; bad suites fail in one line. */
class BenchmarkSuiteTest {
    @TempDir
    Path tmp;

    private Path suite(String text) throws Exception {
        Files.createDirectories(tmp.resolve("recipes"));
        Files.writeString(tmp.resolve("recipes/a-fashion-mnist.yaml"), "train: {epochs: 1}\n");
        Files.createDirectories(tmp.resolve("eval"));
        Path f = tmp.resolve("eval/s.yaml");
        Files.writeString(f, text);
        return f;
    }

    private String error(String text) throws Exception {
        Path f = suite(text);
        return assertThrows(SelfsupException.class, () -> BenchmarkSuite.load(f)).getMessage();
    }

    @Test
    void aSuiteBindsWithDefaultsAndCellsGetTheirOverridesInOrder() throws Exception {
        BenchmarkSuite s = BenchmarkSuite.load(suite("""
                set: [train.max_steps=5, eval.test_limit=100]
                baselines: [pixels]
                recipes:
                  - {recipe: ../recipes/a-fashion-mnist.yaml, set: [train.max_steps=7]}
                """));
        assertEquals("s", s.name());
        assertEquals(List.of(0L, 1L, 2L), s.seeds());
        BenchmarkEntry e = s.recipes().get(0);
        assertEquals("a", e.name());
        assertEquals(List.of("train.max_steps=5", "eval.test_limit=100", "train.max_steps=7", "seed=2", "name=a-s2"),
                s.overrides(tmp.resolve("eval/s.yaml"), e, 2));
        Recipe r = RecipeLoader.load(s.recipeFile(tmp.resolve("eval/s.yaml"), e), s.overrides(tmp.resolve("eval/s.yaml"), e, 2));
        assertEquals(7, r.train().maxSteps());
        assertEquals(2, r.seed());
        assertEquals(100, s.baselineProbe().testLimit());
        List<BenchmarkJob.Cell> cells = BenchmarkJob.plan(s, tmp.resolve("eval/s.yaml"), null);
        assertEquals(6, cells.size());
        assertEquals(List.of("a", "pixels", "a", "pixels", "a", "pixels"), cells.stream().map(BenchmarkJob.Cell::label).toList());
        assertEquals(6, cells.stream().map(BenchmarkJob.Cell::fingerprint).distinct().count(), "seeds change fingerprints");
        List<BenchmarkJob.Cell> again = BenchmarkJob.plan(s, tmp.resolve("eval/s.yaml"), null);
        assertEquals(cells.get(0).fingerprint(), again.get(0).fingerprint(), "fingerprints are stable");
        assertNotEquals(cells.get(0).fingerprint(),
                BenchmarkJob.plan(s, tmp.resolve("eval/s.yaml"), "gpu").get(0)
                        .fingerprint());
    }

    @Test
    void sharedOverridesSkipSectionsTheRecipesMethodDoesNotRead() throws Exception {
        Path f = suite("""
                set: [train.max_steps=5, optimizer.warmup_epochs=0.1, loss.temperature=0.2]
                recipes:
                  - {recipe: ../recipes/a-fashion-mnist.yaml}
                  - {recipe: ../recipes/pca.yaml}
                """);
        Files.writeString(tmp.resolve("recipes/pca.yaml"),
                "method: {type: pca}\nmodel: {encoder: {type: ae_mlp, widths: [], code_activation: identity}}\n");
        BenchmarkSuite s = BenchmarkSuite.load(f);
        assertEquals(List.of("train.max_steps=5", "optimizer.warmup_epochs=0.1", "loss.temperature=0.2", "seed=0",
                "name=a-s0"), s.overrides(f, s.recipes().get(0), 0));
        assertEquals(List.of("train.max_steps=5", "seed=0", "name=pca-s0"), s.overrides(f, s.recipes().get(1), 0));
        BenchmarkEntry pca = new BenchmarkEntry("../recipes/pca.yaml", "pca", List.of("optimizer.lr=0.1"));
        assertTrue(assertThrows(SelfsupException.class, () -> RecipeLoader.load(s.recipeFile(f, pca),
                s.overrides(f, pca, 0))).getMessage().startsWith("--set optimizer.lr: optimizer must be absent for method 'pca'"),
                "an entry's own set is applied as written");
    }

    @Test
    void thePublishedSuiteHasEveryShippedFashionMnistRecipeWithThreeSeeds() throws Exception {
        BenchmarkSuite s = BenchmarkSuite.load(Path.of("../../eval/fashion-mnist.yaml"));
        assertTrue(s.seeds().size() >= 3);
        Set<String> inSuite = s.recipes().stream().map(e -> Path.of(e.recipe()).getFileName().toString())
                .collect(Collectors.toSet());
        try (var files = Files.list(Path.of("../../recipes"))) {
            Set<String> shipped = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> RecipeLoader.load(p, List.of()).data().dataset().equals("fashion_mnist"))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(shipped, inSuite);
        }
        BenchmarkSuite.load(Path.of("../../eval/fashion-mnist-quick.yaml"));
    }

    @Test
    void readmeShowsThePublishedSuitesCompactTable() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        String results = Files.readString(Path.of("../../eval/results/fashion-mnist.md"));
        assertEquals(block(results, "fashion-mnist"), block(readme, "fashion-mnist"),
                "README's table must be the one in eval/results/fashion-mnist.md: run scripts/readme-results fashion-mnist");
    }

    private static String block(String text, String suite) {
        String begin = "<!-- suite:" + suite + " -->";
        String end = "<!-- /suite:" + suite + " -->";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        assertTrue(a >= 0 && b > a, "a " + begin + " block");
        return text.substring(a, b + end.length());
    }

    @Test
    void badSuitesFailInOneLine() throws Exception {
        assertEquals("s.yaml:1: key 'sedes' must be one of [name, description, seeds, set, baselines, recipes], found an "
                + "unknown key; did you mean 'seeds'?", error("sedes: [1]\nrecipes: [{recipe: ../recipes/a-fashion-mnist.yaml}]\n")
                .replace(tmp.resolve("eval").toString() + "/", ""));
        assertTrue(error("name: s\n").contains("recipes must be a list of {recipe: FILE}, found no 'recipes' key"));
        assertTrue(error("recipes: [{recipe: ../recipes/missing.yaml}]\n")
                .contains("recipe '../recipes/missing.yaml' must be a file relative to the suite's folder"));
        assertTrue(error("seeds: []\nrecipes: [{recipe: ../recipes/a-fashion-mnist.yaml}]\n").contains("seeds must be at least one seed"));
        assertTrue(error("seeds: [1, 1]\nrecipes: [{recipe: ../recipes/a-fashion-mnist.yaml}]\n").contains("distinct"));
        assertTrue(error("baselines: [random]\nrecipes: [{recipe: ../recipes/a-fashion-mnist.yaml}]\n")
                .contains("baselines must be a list of [pixels], found 'random'"));
        assertTrue(error("recipes: [{recipe: ../recipes/a-fashion-mnist.yaml}, {recipe: ../recipes/a-fashion-mnist.yaml}]\n")
                .contains("unique"));
        assertTrue(error("recipes: [{recipe: ../recipes/a-fashion-mnist.yaml, set: [train.epochs=0]}]\n")
                .contains("train.epochs"));
        assertTrue(error("recipes: [{label: x}]\n").contains("recipe must be a recipe file, found nothing"));
    }
}
