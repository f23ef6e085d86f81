package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splits carry a name per class and the shape of one image. */
class SplitsTest {
    private static ImageSet set(int channels, int classes) {
        return new ImageSet(new byte[2 * channels * 3 * 5], new int[] {0, classes - 1}, channels, 3, 5, classes);
    }

    @Test
    void aNamePerClassAndTheImageShape() {
        Splits s = new Splits(set(3, 2), set(3, 2), Path.of("."), Map.of(), List.of("cat", "dog"));
        assertEquals(List.of(3, 3, 5), s.imageShape());
        assertEquals(List.of("cat", "dog"), s.classNames());
        assertEquals("a name per class (2), found 1", assertThrows(IllegalArgumentException.class,
                () -> new Splits(set(1, 2), set(1, 2), Path.of("."), Map.of(), List.of("cat"))).getMessage());
    }
}
