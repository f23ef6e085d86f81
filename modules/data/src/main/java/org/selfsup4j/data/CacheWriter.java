package org.selfsup4j.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selfsup4j.core.Hashing;

/**
 * Writes one {@link DecodedCache} entry into a private folder: per split, {@code SPLIT.u8} (the images'
 * unsigned bytes, {@code (N, C, H, W)} row-major) and {@code SPLIT.labels} (int32 little-endian, absent
 * for an unlabelled split), records appended in order; the SHA-256 of everything written becomes the
 * entry's content fingerprint. {@link DecodedCache} renames the folder into place only when the writer
 * finished, so a reader never sees a partial entry.
 */
public final class CacheWriter {
    private final Path dir;
    private final int channels;
    private final int height;
    private final int width;
    private final MessageDigest digest = Hashing.sha256();
    private final Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new java.util.TreeMap<>();
    private OutputStream images;
    private OutputStream labels;
    private String current;
    private int count;
    private boolean labelled;
    private long[] sum;
    private long[] sumSq;

    CacheWriter(Path dir, int channels, int height, int width) {
        this.dir = dir;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** @return bytes per image, {@code C·H·W} */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * Starts a split; the previous one ends.
     *
     * @param name {@code train}, {@code test} or {@code unlabeled}
     * @param withLabels whether its images carry labels
     */
    public void begin(String name, boolean withLabels) {
        end();
        try {
            images = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + ".u8")), 1 << 20);
            labels = withLabels ? new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + ".labels")), 1 << 16)
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        current = name;
        labelled = withLabels;
        count = 0;
        sum = new long[channels];
        sumSq = new long[channels];
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Appends one image.
     *
     * @param record {@code C·H·W} bytes, channels-first
     * @param label its label (ignored in an unlabelled split)
     */
    public void add(byte[] record, int label) {
        try {
            images.write(record, 0, imageSize());
            digest.update(record, 0, imageSize());
            if (labels != null) {
                byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(label).array();
                labels.write(b);
                digest.update(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChannelStats.accumulate(record, height * width, sum, sumSq);
        count++;
    }

    void end() {
        if (current == null) {
            return;
        }
        try {
            images.close();
            if (labels != null) {
                labels.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", count);
        s.put("labelled", labelled);
        ChannelStats stats = ChannelStats.of(sum, sumSq, (double) count * height * width);
        s.put("mean", stats.mean());
        s.put("std", stats.std());
        splits.put(current, s);
        current = null;
    }

    Map<String, Map<String, Object>> splits() {
        return splits;
    }

    String fingerprint() {
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Records source files the decoder passed over (kept in {@code meta.json} and reported by
     * {@link Splits#skipped()}).
     *
     * @param reason why, e.g. {@code hidden} or {@code not decodable}
     * @param count how many more
     */
    public void skip(String reason, int count) {
        skipped.merge(reason, count, Integer::sum);
    }

    Map<String, Integer> skipped() {
        return skipped;
    }

    void abort() {
        try {
            if (images != null) {
                images.close();
            }
            if (labels != null) {
                labels.close();
            }
        } catch (IOException ignored) {
            // the folder is deleted next
        }
    }
}
