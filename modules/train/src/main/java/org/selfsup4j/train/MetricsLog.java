package org.selfsup4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selfsup4j.core.Json;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SelfsupException;

/**
 * Appends one JSON line per step to {@code metrics.jsonl}:
 * {@code {"step","epoch","loss","lr","images_per_sec","data_wait_ms","rss_mb"}} ({@code rss_mb}, the
 * process's resident memory, {@code VmRSS} of {@code /proc/self/status}, where it exists), plus
 * {@code {"event":"epoch_end","epoch","step"}} lines. Each line is flushed as written.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final Path file;
    private BufferedWriter writer;

    /**
     * @param file the file to append to (created if missing)
     */
    public MetricsLog(Path file) {
        this.file = file;
        this.writer = open();
    }

    private BufferedWriter open() {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /**
     * Cuts the open log back to a restored state ({@link #truncate}) and goes on appending, as a
     * rollback does.
     *
     * @param steps completed steps of the restored state
     */
    public void rewind(long steps) {
        close();
        truncate(file, steps);
        writer = open();
    }

    /**
     * Writes an event line: {@code {"event": name, "step": step, ...fields}}.
     *
     * @param name the event
     * @param step the step it belongs to (kept by {@link #truncate} up to that step)
     * @param fields more values, in order
     */
    public void event(String name, long step, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        m.put("step", step);
        m.putAll(fields);
        write(m);
    }

    @Override
    public void onStep(StepStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put("epoch", s.epoch());
        m.put("loss", s.loss());
        m.put("lr", s.lr());
        m.put("images_per_sec", Math.round(s.imagesPerSecond() * 10) / 10.0);
        m.put("data_wait_ms", Math.round(s.dataWaitMillis() * 1000) / 1000.0);
        long rss = residentBytes();
        if (rss > 0) {
            m.put("rss_mb", Math.round(rss / 1e5) / 10.0);
        }
        write(m);
    }

    @Override
    public void onEpochEnd(int epoch, long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "epoch_end");
        m.put("epoch", epoch);
        m.put("step", step);
        write(m);
    }

    /** @return the resident set size of this process in bytes, or -1 where it cannot be read */
    /**
     * Cuts a metrics file back to a resumed run's position: step lines before {@code steps}, events up to
     * it. A half-written last line (the process was killed mid-write) is dropped too.
     *
     * @param file the run's {@code metrics.jsonl} (absent: nothing to do)
     * @param steps completed steps of the state the run resumes from
     */
    public static void truncate(Path file, long steps) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode node;
                try {
                    node = Json.mapper().readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (node == null || !node.has("step")) {
                    continue;
                }
                long step = node.get("step").asLong();
                if (node.has("event") ? step <= steps : step < steps) {
                    kept.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "metrics log", "readable", e.getClass().getSimpleName(), null);
        }
        RunDirectory.writeAtomically(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void write(Map<String, Object> m) {
        try {
            writer.write(Json.line(m));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    private SelfsupException unwritable(IOException e) {
        return SelfsupException.of(file.toString(), "metrics log", "writable", e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "check free space and permissions");
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw unwritable(e);
        }
    }
}
