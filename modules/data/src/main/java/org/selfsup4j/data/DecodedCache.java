package org.selfsup4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.SelfsupException;

/**
 * Decoded datasets kept as uint8 files under the user cache and memory-mapped on later runs, so a
 * dataset is decoded once and may be larger than the heap.
 *
 * <p>An entry is the folder {@code ROOT/decoded/KEY/}, where KEY is the SHA-256 of what identifies the
 * source (file names, sizes and modification times) and the decode settings; it holds the files of
 * {@link CacheWriter} and {@code meta.json} (shape, class names, per split its count and per-channel
 * mean and std, the skipped files, the content fingerprint). It is written to a private temporary
 * folder and renamed into place only when complete, so an interrupted or failed decode leaves no
 * entry (and a concurrent twin simply finds the other's); the {@code .part-} folder of a decode killed
 * outright (SIGKILL) is removed a day later by the next decode.
 *
 * <p>ROOT is the system property {@code selfsup4j.cache} when set, else
 * {@code $XDG_CACHE_HOME/selfsup4j}, else {@code ~/.cache/selfsup4j}.
 */
public final class DecodedCache {
    private static final String META = "meta.json";

    private DecodedCache() {}

    /** @return the user cache folder of selfsup4j */
    public static Path root() {
        String prop = System.getProperty("selfsup4j.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        return (cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".cache")).resolve("selfsup4j");
    }

    /**
     * @param parts what identifies the source and the settings
     * @return the SHA-256 of the parts, one per line
     */
    public static String key(List<String> parts) {
        return Hashing.sha256(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens the entry {@code key}, decoding it first when absent.
     *
     * @param key the entry's key ({@link #key})
     * @param source the folder the data comes from (recorded as {@link Splits#dir()})
     * @param shape the decoded images' {@code [C, H, W]}
     * @param classNames the class names (empty for an unlabelled dataset)
     * @param decode writes the splits, in order, into the writer it is given, and what it passed over
     * @return the splits, memory-mapped from the entry
     */
    public static Splits open(String key, Path source, List<Integer> shape, List<String> classNames,
            Consumer<CacheWriter> decode) {
        Path entry = root().resolve("decoded").resolve(key);
        if (!Files.isRegularFile(entry.resolve(META))) {
            build(entry, source, shape, classNames, decode);
        }
        return read(entry, source);
    }

    private static void build(Path entry, Path source, List<Integer> shape, List<String> classNames,
            Consumer<CacheWriter> decode) {
        Path tmp;
        try {
            Files.createDirectories(entry.getParent());
            removeStaleParts(entry.getParent());
            tmp = Files.createTempDirectory(entry.getParent(), "." + entry.getFileName() + ".part-");
        } catch (IOException e) {
            throw SelfsupException.of(entry.getParent().toString(), "cache folder", "writable", e.getClass().getSimpleName(),
                    "set XDG_CACHE_HOME to a writable folder");
        }
        CacheWriter w = new CacheWriter(tmp, shape.get(0), shape.get(1), shape.get(2));
        boolean done = false;
        try {
            try {
                decode.accept(w);
            } catch (org.selfsup4j.core.Interrupted e) {
                throw e.where("while decoding " + source + " into the cache", "nothing was cached; run the command "
                        + "again to decode");
            }
            w.end();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("source", source.toString());
            meta.put("shape", shape);
            meta.put("class_names", classNames);
            meta.put("splits", w.splits());
            meta.put("skipped", w.skipped());
            meta.put("fingerprint", w.fingerprint());
            Files.write(tmp.resolve(META), Json.prettyBytes(meta));
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // another process finished the same entry first: use theirs
            }
            done = Files.isRegularFile(entry.resolve(META));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw SelfsupException.of(tmp.toString(), "decoded cache", "written", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "check the free space under " + root());
        } finally {
            w.abort();
            deleteTree(tmp);
        }
        if (!done) {
            throw SelfsupException.of(entry.toString(), "decoded cache", "complete", "no entry after writing", null);
        }
    }

    private static Splits read(Path entry, Path source) {
        try {
            JsonNode meta = Json.mapper().readTree(entry.resolve(META).toFile());
            int c = meta.get("shape").get(0).asInt();
            int h = meta.get("shape").get(1).asInt();
            int w = meta.get("shape").get(2).asInt();
            List<String> names = new ArrayList<>();
            meta.get("class_names").forEach(n -> names.add(n.asText()));
            Map<String, ImageSet> sets = new LinkedHashMap<>();
            Map<String, ChannelStats> stats = new LinkedHashMap<>();
            for (var it = meta.get("splits").fields(); it.hasNext(); ) {
                var e = it.next();
                int count = e.getValue().get("count").asInt();
                PixelBuffer px = PixelBuffer.map(entry.resolve(e.getKey() + ".u8"), 0, count, c * h * w);
                int[] labels = e.getValue().get("labelled").asBoolean() ? labels(entry.resolve(e.getKey() + ".labels"), count)
                        : null;
                sets.put(e.getKey(), new ImageSet(px, labels, c, h, w, names.size()));
                List<Double> mean = new ArrayList<>();
                List<Double> std = new ArrayList<>();
                e.getValue().get("mean").forEach(v -> mean.add(v.asDouble()));
                e.getValue().get("std").forEach(v -> std.add(v.asDouble()));
                stats.put(e.getKey(), new ChannelStats(mean, std));
            }
            Map<String, Integer> skipped = new LinkedHashMap<>();
            meta.get("skipped").fields().forEachRemaining(e -> skipped.put(e.getKey(), e.getValue().asInt()));
            String fingerprint = meta.get("fingerprint").asText();
            return new Splits(sets.get("train"), sets.get("test"), sets.get("unlabeled"), source,
                    Map.of("decoded:" + entry.getFileName(), fingerprint), names, fingerprint, skipped, stats);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SelfsupException se) {
                throw SelfsupException.of(entry.toString(), "decoded cache entry", "intact", se.getMessage(),
                        "delete the folder; the next run decodes again");
            }
            throw SelfsupException.of(entry.toString(), "decoded cache entry", "intact", e.getClass().getSimpleName(),
                    "delete the folder; the next run decodes again");
        }
    }

    private static int[] labels(Path file, int count) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length != 4L * count) {
            throw new IOException("label file of " + b.length + " bytes for " + count + " images");
        }
        int[] y = new int[count];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(y);
        return y;
    }

    /**
     * The SHA-256 of a file as stored, for provenance. A file over 64 MB is hashed once per version:
     * the value is kept under {@code ROOT/hashes/}, keyed by the file's absolute path, size and
     * modification time (a 14 GB IDX file takes about a minute to hash).
     *
     * @param file the file
     * @return its SHA-256, hex
     */
    public static String sha256(Path file) {
        try {
            if (Files.size(file) <= 64L << 20) {
                return Hashing.sha256(file);
            }
            Path memo = root().resolve("hashes").resolve(key(List.of(file.toAbsolutePath().toString(), SourceFiles.stat(file))));
            if (Files.isRegularFile(memo)) {
                String known = Files.readString(memo).strip();
                if (known.matches("[0-9a-f]{64}")) {
                    return known;
                }
            }
            String h = Hashing.sha256(file);
            Files.createDirectories(memo.getParent());
            Path tmp = Files.createTempFile(memo.getParent(), ".hash", ".part");
            Files.writeString(tmp, h);
            Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return h;
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /** Deletes {@code .part-} folders left a day ago or earlier by a killed decode (a live one is younger). */
    private static void removeStaleParts(Path decoded) {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (Stream<Path> s = Files.list(decoded)) {
            s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains(".part-"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() < dayAgo;
                        } catch (IOException e) {
                            return false;
                        }
                    }).forEach(DecodedCache::deleteTree);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .part folder is never read
        }
    }
}
