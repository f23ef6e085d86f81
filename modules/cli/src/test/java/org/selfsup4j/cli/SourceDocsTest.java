package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation stays navigable: every package has a package-info.java, every top-level type's
 * Javadoc opens with a summary sentence, README stays short and shows the quickstart recipe as it is, and
 * every relative link in README and docs/ reaches an existing file and heading.
 */
class SourceDocsTest {
    private static final Path ROOT = Path.of("../..");
    private static final Pattern TYPE = Pattern.compile(
            "^(@|public |final |abstract |sealed |class |interface |record |enum )");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("modules"))) {
            return s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).sorted().toList();
        }
    }

    @Test
    void everyPackageHasAPackageInfoAndEveryTypeASummarySentence() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<Path> packages = new HashSet<>();
        for (Path f : mainSources()) {
            packages.add(f.getParent());
            if (f.getFileName().toString().equals("package-info.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            int k = 0;
            while (k < lines.size() && !TYPE.matcher(lines.get(k)).find()) {
                k++;
            }
            if (k == 0 || k == lines.size() || !lines.get(k - 1).strip().endsWith("*/")) {
                problems.add(f + ": no Javadoc on the type");
                continue;
            }
            int start = k - 1;
            while (!lines.get(start).strip().startsWith("/**")) {
                start--;
            }
            StringBuilder text = new StringBuilder();
            for (String l : lines.subList(start, k)) {
                text.append(l.strip().replaceFirst("^(/\\*\\*|\\*/|\\*)\\s?", "")).append(' ');
            }
            String doc = text.toString().replace("*/", "").strip();
            if (doc.isEmpty() || doc.startsWith("@") || !hasSentence(doc)) {
                problems.add(f + ": Javadoc must open with a summary sentence, found '"
                        + doc.substring(0, Math.min(60, doc.length())) + "'");
            }
        }
        for (Path p : packages) {
            if (!Files.exists(p.resolve("package-info.java"))) {
                problems.add(p + ": no package-info.java");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A period outside {@code {...}} followed by a space or the end. */
    private static boolean hasSentence(String doc) {
        int depth = 0;
        for (int i = 0; i < doc.length(); i++) {
            char c = doc.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '.' && depth == 0 && (i + 1 == doc.length() || doc.charAt(i + 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readmeIsShortAndEveryDocLinkResolves() throws IOException {
        Path readme = ROOT.resolve("README.md");
        long lines = Files.readAllLines(readme).size();
        assertEquals(true, lines <= 250, "README.md must be at most 250 lines, found " + lines + "; move detail into docs/");
        String quickstart = Files.readString(ROOT.resolve("recipes/quickstart.yaml")).strip();
        assertEquals(true, Files.readString(readme).contains("```yaml\n" + quickstart + "\n```"),
                "README shows recipes/quickstart.yaml whole, as it is");
        List<Path> pages = new ArrayList<>(List.of(readme));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String link = m.group(1);
                if (link.startsWith("http")) {
                    continue;
                }
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(page.getFileName() + ": " + link + " (no file)");
                } else if (hash >= 0 && target.toString().endsWith(".md")
                        && !anchors(target).contains(link.substring(hash + 1))) {
                    broken.add(page.getFileName() + ": " + link + " (no heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    private static Set<String> anchors(Path md) throws IOException {
        Set<String> out = new HashSet<>();
        for (String l : Files.readAllLines(md)) {
            if (l.startsWith("#")) {
                String title = l.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                out.add(title.replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
            }
        }
        return out;
    }
}
