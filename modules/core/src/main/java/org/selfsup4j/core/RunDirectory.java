package org.selfsup4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run directory {@code RUNS/<recipe>-<yyyyMMdd-HHmmss>/} and its state file {@code run.json}.
 *
 * <p>The state is {@code running} from creation, then {@code complete}, {@code failed} or
 * {@code interrupted} (by a signal, with its name in {@code signal}); only a {@code complete} run is
 * probed, so a run that was killed, interrupted or failed never looks complete.
 * Every file is written atomically (temporary file in the same directory, fsync, rename), so a
 * reader never sees a half-written file.
 */
public final class RunDirectory {
    /** Name of the state file. */
    public static final String STATE_FILE = "run.json";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates a fresh run directory, first checking that {@code runsDir} is usable.
     *
     * @param runsDir the parent folder (created if missing)
     * @param name the recipe name
     * @param now the start time (names the folder)
     * @return the run directory, in state {@code running}
     */
    public static RunDirectory create(Path runsDir, String name, Instant now) {
        checkWritable(runsDir);
        String base = name + "-" + STAMP.format(now);
        for (int i = 1; i < 1000; i++) {
            Path dir = runsDir.resolve(i == 1 ? base : base + "-" + i);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw unwritable(runsDir, e);
            }
            RunDirectory run = new RunDirectory(dir);
            run.writeState("running", null);
            return run;
        }
        throw SelfsupException.of(runsDir.toString(), "run name " + base, "unused", "999 runs of that name", null);
    }

    /**
     * Opens an existing run that finished pretraining.
     *
     * @param dir the run directory
     * @return the run
     */
    public static RunDirectory openComplete(Path dir) {
        String value = stateOf(dir);
        if (!value.equals("complete")) {
            throw SelfsupException.of(dir.toString(), "run state", "complete", value,
                    "the pretraining did not finish; run it again");
        }
        return new RunDirectory(dir);
    }

    private static String stateOf(Path dir) {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            throw SelfsupException.of(dir.toString(), "run directory", "a pretraining run (with " + STATE_FILE + ")",
                    Files.isDirectory(dir) ? "no " + STATE_FILE : "no such directory", "pass a folder printed by 'selfsup pretrain'");
        }
        String value;
        try {
            JsonNode node = Json.mapper().readTree(state.toFile());
            value = node.path("state").asText("?");
        } catch (IOException e) {
            throw SelfsupException.of(state.toString(), "state file", "valid JSON", "unreadable content", null);
        }
        return value;
    }

    /**
     * Creates a folder (and its parents) if needed and checks that it can be written to.
     *
     * @param dir the folder
     */
    public static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unwritable(dir, e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw unwritable(dir, null);
        }
    }

    /**
     * Opens an unfinished run to resume it: its state must be {@code running} (the process was killed),
     * {@code interrupted} (by a signal) or {@code failed}; it becomes {@code running} again.
     *
     * @param dir the run directory
     * @return the run
     */
    public static RunDirectory openUnfinished(Path dir) {
        String value = stateOf(dir);
        if (value.equals("complete")) {
            throw SelfsupException.of(dir.toString(), "run state", "unfinished to resume", value,
                    "the run is done; probe or export it");
        }
        RunDirectory run = new RunDirectory(dir);
        run.writeState("running", null);
        return run;
    }

    /** @return the folder */
    public Path path() {
        return path;
    }

    /**
     * @param relative a path inside the run
     * @return the resolved path
     */
    public Path resolve(String relative) {
        return path.resolve(relative);
    }

    /** Marks the run complete. */
    public void markComplete() {
        writeState("complete", null);
    }

    /**
     * Marks the run failed.
     *
     * @param reason the one-line reason
     */
    public void markFailed(String reason) {
        writeState("failed", reason);
    }

    /**
     * Marks the run interrupted by a signal; like a failed run it can be resumed.
     *
     * @param signal the signal's name, e.g. {@code SIGTERM}
     * @param reason the one-line message the user was shown
     */
    public void markInterrupted(String signal, String reason) {
        writeState("interrupted", reason, signal);
    }

    private void writeState(String state, String reason) {
        writeState(state, reason, null);
    }

    private void writeState(String state, String reason, String signal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("updated", Instant.now().toString());
        if (reason != null) {
            m.put("reason", reason);
        }
        if (signal != null) {
            m.put("signal", signal);
        }
        writeAtomically(path.resolve(STATE_FILE), Json.prettyBytes(m));
    }

    /**
     * Writes a text file in the run atomically.
     *
     * @param relative the file's path inside the run
     * @param text its content
     */
    public void writeText(String relative, String text) {
        writeAtomically(path.resolve(relative), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a file atomically: a temporary sibling is written and fsynced, then renamed over the target.
     *
     * @param target the file
     * @param bytes its content
     */
    public static void writeAtomically(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw SelfsupException.of(target.toString(), "file", "writable", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "check free space and permissions");
        }
    }

    /** Makes the rename durable: the folder's entry is on disk once this returns (where the OS allows it). */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for sync; the rename itself is still atomic
        }
    }

    private static SelfsupException unwritable(Path dir, IOException e) {
        String found = e == null ? "not writable"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file, not a folder"
                : e.getClass().getSimpleName();
        return SelfsupException.of(dir.toString(), "output directory", "a writable folder", found,
                "choose another with --out");
    }
}
