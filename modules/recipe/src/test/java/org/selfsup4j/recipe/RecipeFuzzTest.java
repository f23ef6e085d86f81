package org.selfsup4j.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfsupException;

/**
 * Fuzzes recipe loading with thousands of mutations of every shipped recipe: lines deleted, duplicated,
 * swapped and re-indented, characters inserted, values replaced by junk of every YAML type, Java class
 * tags, anchors and alias bombs, and random overrides. Each must load or fail with one clean
 * {@link SelfsupException} line, quickly; and no class named in a file may ever be instantiated.
 */
class RecipeFuzzTest {
    private static final int CASES = 3000;
    private static final String[] JUNK = {"-1", "0", "1e309", "-0.0", ".nan", "~", "null", "true", "[]", "{}", "[1, [2, [3]]]",
        "{a: 1}", "\"\"", "'x'", "9223372036854775808", "0x10", "&a 3", "*a", "!!binary aGk=", "!!float 2",
        "!!org.selfsup4j.recipe.RecipeFuzzTest$Canary {}", "!!java.lang.ProcessBuilder [touch, /tmp/selfsup-pwned]",
        "!<tag:yaml.org,2002:java.net.URL> [http://example.com]", "\"\\u0000\"", "|\n  block", ">-\n  folded", "? complex"};

    /** Records being constructed: the test fails if the parser ever does. */
    public static final class Canary {
        static volatile boolean built;

        public Canary() {
            built = true;
        }
    }

    private static String mutate(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = r.nextInt(lines.size());
        switch (r.nextInt(8)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            case 2 -> {
                int j = r.nextInt(lines.size());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            case 3 -> lines.set(i, " ".repeat(r.nextInt(5)) + lines.get(i).stripLeading());
            case 4 -> {
                String l = lines.get(i);
                int at = l.isEmpty() ? 0 : r.nextInt(l.length() + 1);
                String c = String.valueOf("{}[]:,#&*!|>'\"%@`-?\t\u00e9\u0000".charAt(r.nextInt(22)));
                lines.set(i, l.substring(0, at) + c + l.substring(at));
            }
            case 5, 6 -> { // replace a value with junk
                String l = lines.get(i);
                int colon = l.indexOf(": ");
                if (colon > 0) {
                    lines.set(i, l.substring(0, colon + 2) + JUNK[r.nextInt(JUNK.length)]);
                } else {
                    lines.add(i, "x" + r.nextInt(3) + ": " + JUNK[r.nextInt(JUNK.length)]);
                }
            }
            default -> { // an alias bomb: each level doubles, 2^k expansions
                StringBuilder b = new StringBuilder("a0: &a0 [x, x]\n");
                for (int k = 1; k < 40; k++) {
                    b.append("a").append(k).append(": &a").append(k).append(" [*a").append(k - 1).append(", *a").append(k - 1)
                            .append("]\n");
                }
                lines.add(0, b.toString());
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void mutatedRecipesGiveCleanErrorsOnlyAndInstantiateNothing() throws IOException {
        List<String> recipes = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("../../recipes"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                recipes.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertFalse(recipes.isEmpty());
        SplittableRandom r = new SplittableRandom(7);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < CASES; i++) {
                String text = recipes.get(r.nextInt(recipes.size()));
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    text = mutate(text, r);
                }
                List<String> overrides = r.nextInt(4) == 0
                        ? List.of("train.max_steps=" + JUNK[r.nextInt(JUNK.length)]) : List.of();
                try {
                    RecipeLoader.parse(text, "../../recipes/fuzz.yaml", "fuzz", overrides);
                    outcomes[0]++;
                } catch (SelfsupException e) {
                    if (e.getMessage().contains("\n") || e.getMessage().isBlank()) {
                        fail("case " + i + ": one line, found " + e.getMessage() + "\n--- recipe:\n" + text);
                    }
                    outcomes[1]++;
                } catch (Throwable t) {
                    fail("case " + i + ": only SelfsupException may escape, found " + t + "\n--- recipe:\n" + text, t);
                }
            }
        });
        assertFalse(Canary.built, "a class named in a recipe was instantiated");
        assertFalse(Files.exists(Path.of("/tmp/selfsup-pwned")), "a process was started");
        assertEquals(CASES, outcomes[0] + outcomes[1]);
        System.out.printf("recipe fuzz: %d cases, %d loaded, %d clean errors%n", CASES, outcomes[0], outcomes[1]);
    }
}
