package org.selfsup4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * What the formats need of a dataset's source files: reading one whole, its size and a cheap version
 * stamp (for cache keys), and class names from a names file or by number. Every failure is one
 * {@link SelfsupException} line naming the file.
 */
final class SourceFiles {
    private SourceFiles() {}

    /**
     * @param f a file
     * @return its bytes
     */
    static byte[] readAll(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.nio.file.NoSuchFileException e) {
            throw SelfsupException.of(f.toString(), "file", "present", "no such file", "data.path must be the unpacked "
                    + "binary version's folder");
        } catch (IOException | OutOfMemoryError e) {
            throw SelfsupException.of(f.toString(), "file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * @param file a file
     * @return its size in bytes
     */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * @param file a file
     * @return what identifies its version cheaply: {@code name size mtime}
     */
    static String stat(Path file) {
        try {
            return file.getFileName() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "file", "readable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * @param file a names file (one per line, blank lines ignored), possibly absent
     * @param classes how many classes
     * @param fallback names when the file is absent, or {@code null} for numbers
     * @return the names
     */
    static List<String> classNames(Path file, int classes, List<String> fallback) {
        if (Files.isRegularFile(file)) {
            List<String> names = new String(readAll(file), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            if (names.size() != classes) {
                throw SelfsupException.of(file.toString(), "class names", classes + " lines", names.size(), null);
            }
            return names;
        }
        return fallback != null ? fallback : numbered(classes);
    }

    /**
     * @param classes how many classes
     * @return {@code "0", "1", …}
     */
    static List<String> numbered(int classes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }
}
