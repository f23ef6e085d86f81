package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.selfsup4j.core.Hashing;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST files (Debian's dataset-fashion-mnist, installed by .ci/run). */
@Tag("data")
class FashionMnistTest {
    @Test
    void realFilesHaveTheOfficialContentAndBalancedClasses() throws IOException {
        Splits s = FashionMnist.load(FashionMnist.locator(null));
        assertEquals(60000, s.train().size());
        assertEquals(10000, s.test().size());
        assertEquals(28, s.train().height());
        int[] train = new int[10];
        int[] test = new int[10];
        for (int y : s.train().labels()) {
            train[y]++;
        }
        for (int y : s.test().labels()) {
            test[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c]);
            assertEquals(1000, test[c]);
        }
        for (var e : FashionMnist.CONTENT_SHA256.entrySet()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(
                    DatasetLocator.fileIn(s.dir(), e.getKey())))) {
                assertEquals(e.getValue(), Hashing.sha256(in), e.getKey());
            }
        }
    }
}
