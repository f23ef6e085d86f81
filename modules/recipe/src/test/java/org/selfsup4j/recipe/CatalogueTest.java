package org.selfsup4j.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reference is generated, covers every section of a recipe, and docs/reference.md is the generated text. */
class CatalogueTest {
    @Test
    void everyRecipeSectionIsDescribed() {
        Set<String> described = Catalogue.entries().stream()
                .flatMap(e -> Arrays.stream((e.key().isEmpty() ? String.join(", ", e.options().keySet()) : e.key())
                        .split(",\\s*")))
                .map(k -> k.replaceAll("[.\\[].*", ""))
                .collect(Collectors.toSet());
        List<String> sections = Arrays.stream(Recipe.class.getRecordComponents()).map(c -> c.getName()).toList();
        for (String s : sections) {
            assertTrue(described.contains(s), "describe must cover recipe section '" + s + "', found " + described);
        }
        assertTrue(described.contains("include"));
    }

    @Test
    void methodsSayWhatTheyRead() {
        Catalogue.Entry byol = Catalogue.select("predictive").get(0);
        assertTrue(byol.doc().endsWith("; reads augment, model.head, model.predictor, optimizer"), byol.doc());
        Catalogue.Entry pca = Catalogue.select("pca").get(0);
        assertTrue(pca.doc().endsWith("; reads no optional section; encoders: ae_mlp"), pca.doc());
        assertEquals("train", Catalogue.select("train").get(0).type());
    }

    @Test
    void docsReferenceIsTheGeneratedCatalogue() throws Exception {
        String onDisk = Files.readString(Path.of("../../docs/reference.md"));
        assertEquals(Catalogue.markdown(), onDisk,
                "docs/reference.md is generated: run scripts/selfsup describe --markdown > docs/reference.md");
    }
}
