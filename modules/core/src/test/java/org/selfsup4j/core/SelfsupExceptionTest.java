package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SelfsupExceptionTest {
    @Test
    void houseFormat() {
        SelfsupException e = SelfsupException.of("recipe.yaml:3", "train.epochs", "an integer >= 1", 0, "raise it");
        assertEquals("recipe.yaml:3: train.epochs must be an integer >= 1, found 0; raise it", e.getMessage());
    }

    @Test
    void checksRelocateToRecipeKeys() {
        SelfsupException e = assertThrows(SelfsupException.class, () -> Checks.positive("temperature", -1));
        assertEquals("temperature: must be a finite number > 0, found -1.0", e.getMessage());
        assertEquals("q.yaml:7: loss.temperature must be a finite number > 0, found -1.0",
                e.relocate("q.yaml:7", "loss.temperature").getMessage());
    }

    @Test
    void shapeErrorsNameBothTensors() {
        SelfsupException e = assertThrows(SelfsupException.class,
                () -> Checks.sameShape("loss", "z", new long[] {4, 8}, "labels", new long[] {3}));
        assertEquals("loss: shape of z [4, 8] must equal shape of labels, found [3]", e.getMessage());
    }

    @Test
    void messagesStayOnOneLineAndShort() {
        SelfsupException e = SelfsupException.of("a.yaml:3", "name", "letters", "'x\ny\tz\u0000'", null);
        assertEquals("a.yaml:3: name must be letters, found 'x\\ny\\tz\\u0000'", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        String found = SelfsupException.of("w", "v", "short", "x".repeat(500), null).getMessage();
        assertEquals("w: v must be short, found " + "x".repeat(120) + "…", found);
        assertEquals("line\\r\\nbreak: detail", new SelfsupException("line\r\nbreak", "detail").getMessage());
    }
}
