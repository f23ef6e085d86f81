package org.selfsup4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.SelfsupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    @TempDir
    Path tmp;

    private static final byte[] CONTENT = IdxReaderTest.idx(new int[] {3}, new byte[] {1, 2, 3});

    private DatasetLocator locator(Path explicit, String env, String url, String sha) {
        return new DatasetLocator("toy", List.of("f-idx1-ubyte"), Map.of("f-idx1-ubyte", sha), explicit, env,
                tmp.resolve("cache"), tmp.resolve("system"), url, "install it");
    }

    private Path folderWithFile(String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.write(d.resolve("f-idx1-ubyte.gz"), IdxReaderTest.gzip(CONTENT));
        return d;
    }

    @Test
    void resolutionOrderExplicitEnvCacheSystem() throws IOException {
        String sha = Hashing.sha256(CONTENT);
        Path system = folderWithFile("system");
        assertEquals(system, locator(null, null, null, sha).locate());
        Path cache = folderWithFile("cache");
        assertEquals(cache, locator(null, null, null, sha).locate());
        Path env = folderWithFile("env/toy");
        assertEquals(env, locator(null, tmp.resolve("env").toString(), null, sha).locate());
        Path explicit = folderWithFile("explicit");
        assertEquals(explicit, locator(explicit, tmp.resolve("env").toString(), null, sha).locate());
    }

    @Test
    void explicitPathWithoutFilesIsAnErrorNotAFallThrough() throws IOException {
        folderWithFile("system");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        SelfsupException e = assertThrows(SelfsupException.class, () -> locator(empty, null, null, "x").locate());
        assertTrue(e.getMessage().contains("missing [f-idx1-ubyte]"), e.getMessage());
    }

    @Test
    void nothingFoundNamesTheInstallHint() {
        SelfsupException e = assertThrows(SelfsupException.class, () -> locator(null, null, null, "x").locate());
        assertTrue(e.getMessage().startsWith("toy: dataset must be available, found not found in"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; install it"), e.getMessage());
    }

    @Test
    void downloadIsVerifiedByContentChecksum() throws IOException {
        byte[] gz = IdxReaderTest.gzip(CONTENT);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, gz.length);
            ex.getResponseBody().write(gz);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            SelfsupException bad = assertThrows(SelfsupException.class,
                    () -> locator(null, null, url, "0".repeat(64)).locate());
            assertTrue(bad.getMessage().contains("content SHA-256 must be " + "0".repeat(64)), bad.getMessage());
            assertTrue(!Files.exists(tmp.resolve("cache/f-idx1-ubyte.gz")), "a corrupt download must not be kept");
            Path got = locator(null, null, url, Hashing.sha256(CONTENT)).locate();
            assertEquals(tmp.resolve("cache"), got);
            assertEquals(3, IdxReader.read(got.resolve("f-idx1-ubyte.gz")).count());
        } finally {
            server.stop(0);
        }
    }
}
