package org.selfsup4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.SelfsupException;

/**
 * Finds a dataset's files, in the order of DESIGN.md: an explicit path, {@code $SELFSUP_DATA}, the
 * user cache, the system location (Debian's {@code /usr/share/datasets}), then a download from the
 * dataset's official address into the user cache, verified by each file's checksum: the SHA-256 of
 * its decompressed content (64 hex digits), or the MD5 of the gzipped file as downloaded (32 hex
 * digits, as MNIST's publishers give it). If none works the error says how to get the data.
 *
 * @param name the dataset's folder name, e.g. {@code fashion-mnist}
 * @param files the base names of the files (gzipped or plain copies are both accepted)
 * @param contentSha256 file base name → its checksum (SHA-256 of the content or MD5 of the download),
 *     checked on download
 * @param explicit an explicit folder, or {@code null}
 * @param dataEnv the value of {@code $SELFSUP_DATA}, or {@code null}
 * @param userCache the user cache folder for this dataset
 * @param systemDir the system folder for this dataset
 * @param downloadBase the base URL to download from, or {@code null} to never download
 * @param installHint the advice given when nothing is found
 */
public record DatasetLocator(String name, List<String> files, Map<String, String> contentSha256, Path explicit,
        String dataEnv, Path userCache, Path systemDir, String downloadBase, String installHint) {

    /**
     * Resolves the folder holding all files.
     *
     * @return the folder
     */
    public Path locate() {
        if (explicit != null) {
            if (!hasAll(explicit)) {
                throw SelfsupException.of(explicit.toString(), "data.path", "a folder holding " + String.join(", ", files)
                        + " (optionally .gz)", "missing " + missing(explicit), null);
            }
            return explicit;
        }
        List<Path> candidates = new ArrayList<>();
        if (dataEnv != null && !dataEnv.isBlank()) {
            candidates.add(Path.of(dataEnv).resolve(name));
            candidates.add(Path.of(dataEnv));
        }
        candidates.add(userCache);
        candidates.add(systemDir);
        for (Path c : candidates) {
            if (hasAll(c)) {
                return c;
            }
        }
        String why = "not found in " + candidates;
        if (downloadBase != null) {
            try {
                download();
                return userCache;
            } catch (IOException e) {
                why += " and the download from " + downloadBase + " failed (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why += " and the download was interrupted";
            }
        }
        throw SelfsupException.of(name, "dataset", "available", why, installHint);
    }

    /**
     * Returns the path of one file inside a located folder (the gzipped copy when both exist).
     *
     * @param dir the folder from {@link #locate()}
     * @param file the base name
     * @return the file's path
     */
    public static Path fileIn(Path dir, String file) {
        Path gz = dir.resolve(file + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(file);
    }

    private boolean hasAll(Path dir) {
        return missing(dir).isEmpty();
    }

    private List<String> missing(Path dir) {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (!Files.isRegularFile(fileIn(dir, f))) {
                out.add(f);
            }
        }
        return out;
    }

    private void download() throws IOException, InterruptedException {
        Files.createDirectories(userCache);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String f : files) {
            Path target = userCache.resolve(f + ".gz");
            if (Files.isRegularFile(target)) {
                continue;
            }
            Path tmp = userCache.resolve("." + f + ".gz.part");
            HttpRequest req = HttpRequest.newBuilder(URI.create(downloadBase + f + ".gz"))
                    .timeout(Duration.ofMinutes(5)).build();
            HttpResponse<Path> resp = client.send(req, HttpResponse.BodyHandlers.ofFile(tmp));
            if (resp.statusCode() != 200) {
                Files.deleteIfExists(tmp);
                throw new IOException("HTTP " + resp.statusCode() + " for " + f);
            }
            String expected = contentSha256.get(f);
            boolean md5 = expected.length() == 32;
            String actual;
            try (InputStream in = md5 ? Files.newInputStream(tmp) : new GZIPInputStream(Files.newInputStream(tmp))) {
                actual = md5 ? md5(in) : Hashing.sha256(in);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw SelfsupException.of(downloadBase + f + ".gz", "download", "a valid gzip file",
                        "a corrupt stream", "try again later");
            }
            if (!actual.equals(expected)) {
                Files.deleteIfExists(tmp);
                throw SelfsupException.of(downloadBase + f + ".gz", md5 ? "MD5" : "content SHA-256", expected, actual,
                        "the download is corrupt or not the official file");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String md5(InputStream in) throws IOException {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                d.update(buf, 0, r);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
