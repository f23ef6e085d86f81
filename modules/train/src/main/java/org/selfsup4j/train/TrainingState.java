package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * Everything a run needs to continue exactly where it stopped, as one file
 * {@code checkpoints/state-S.bin} (S = completed steps): the network's parameters (running statistics
 * included), the method's own blocks, the method's state (momentum encoder, memory bank), the
 * optimizer's moments and update counts, and the learning-rate scale (lowered by rollbacks). The schedule position and every random stream follow from S:
 * batches come from the per-epoch permutation of the seed tree and every augmentation and mask from the
 * stream of its step.
 *
 * <p>Layout: magic, format version, S, the sections above, then a CRC-32 of all preceding bytes. Files
 * are written atomically (temporary file, fsync, rename, fsync of the folder), so a kill at any moment
 * leaves either the old set of files or the new one; a file that fails its checksum is skipped on resume.
 */
public final class TrainingState {
    /** File-name prefix. */
    public static final String PREFIX = "state-";
    /** File-name suffix. */
    public static final String SUFFIX = ".bin";
    private static final int MAGIC = 0x53535331; // "SSS1"
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("state-(\\d{1,18})\\.bin");

    private TrainingState() {}

    /**
     * @param step completed steps
     * @param network the network
     * @param method the method (its own blocks and state)
     * @param optimizer the optimizer
     * @param schedule the schedule (its scale, lowered by rollbacks)
     * @return the file's bytes
     */
    public static byte[] encode(long step, HypersphereNetwork network, StepFunction method, ResumableOptimizer optimizer,
            WarmupCosine schedule) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(step);
            out.writeFloat(schedule.scale());
            ArrayIO.write(out, arrays(network, method));
            method.saveState(out);
            optimizer.save(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state in place into objects built from the same recipe.
     *
     * @param bytes a file's bytes
     * @param where names the file in errors
     * @param network the network
     * @param method the method
     * @param optimizer the optimizer
     * @param schedule the schedule, whose scale is restored
     * @return the completed steps S
     */
    public static long decode(byte[] bytes, String where, HypersphereNetwork network, StepFunction method,
            ResumableOptimizer optimizer, WarmupCosine schedule) {
        if (!intact(bytes)) {
            throw SelfsupException.of(where, "training state", "complete (its checksum matching)", "a damaged file", null);
        }
        return read(bytes, where, network, method, optimizer, schedule);
    }

    private static long read(byte[] bytes, String where, HypersphereNetwork network, StepFunction method,
            ResumableOptimizer optimizer, WarmupCosine schedule) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw SelfsupException.of(where, "training state", "a selfsup4j state of version " + VERSION,
                        "another file", null);
            }
            long step = in.readLong();
            float scale = in.readFloat();
            if (!(scale > 0 && scale <= 1)) {
                throw SelfsupException.of(where, "learning-rate scale", "in (0, 1]", scale, null);
            }
            ArrayIO.readInto(in, arrays(network, method), where, "parameters");
            method.loadState(in, where);
            optimizer.load(in, where);
            schedule.setScale(scale);
            if (in.available() != 0) {
                throw SelfsupException.of(where, "training state", "fully read", in.available() + " bytes left over",
                        "was the recipe changed?");
            }
            return step;
        } catch (IOException e) {
            throw SelfsupException.of(where, "training state", "readable", "a truncated section", "was the recipe changed?");
        }
    }

    /**
     * Restores the newest state in {@code checkpoints} whose checksum holds (damaged ones are skipped;
     * each file is read once), then deletes the states after it (with no intact state, all of them), so
     * that the states written from now on are the newest and are kept. This is what a resume and a rollback do.
     *
     * @param checkpoints a run's {@code checkpoints} folder
     * @param network the network
     * @param method the method
     * @param optimizer the optimizer
     * @param schedule the schedule
     * @return the completed steps S of the restored state, or empty when there is no intact state
     */
    public static OptionalLong restoreNewest(Path checkpoints, HypersphereNetwork network, StepFunction method,
            ResumableOptimizer optimizer, WarmupCosine schedule) {
        for (Path p : files(checkpoints)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                continue; // unreadable: try the next older one
            }
            if (intact(bytes)) {
                long step = read(bytes, p.toString(), network, method, optimizer, schedule);
                discardAfter(checkpoints, step);
                return OptionalLong.of(step);
            }
        }
        discardAfter(checkpoints, 0); // only damaged ones are left
        return OptionalLong.empty();
    }

    /**
     * @param bytes a file's bytes
     * @return whether they end with the CRC-32 of what precedes it
     */
    public static boolean intact(byte[] bytes) {
        if (bytes.length < 3 * Integer.BYTES + 2 * Long.BYTES) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        long stored = 0;
        for (int i = bytes.length - Long.BYTES; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xFF);
        }
        return stored == crc.getValue();
    }

    private static List<NDArray> arrays(HypersphereNetwork network, StepFunction method) {
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            out.add(p.getArray());
        }
        for (Block b : method.ownBlocks()) {
            for (Parameter p : b.getParameters().values()) {
                out.add(p.getArray());
            }
        }
        return out;
    }

    /**
     * @param checkpoints a run's {@code checkpoints} folder
     * @return its state files, newest (most steps) first
     */
    public static List<Path> files(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(TrainingState::stepOf).reversed()).toList();
        } catch (IOException e) {
            throw SelfsupException.of(checkpoints.toString(), "checkpoints folder", "readable",
                    e.getClass().getSimpleName(), null);
        }
    }

    /**
     * @param file a state file
     * @return the step in its name
     */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Deletes the states after {@code step}: a damaged newest one, or those a rollback abandons. */
    private static void discardAfter(Path checkpoints, long step) {
        for (Path p : files(checkpoints)) {
            if (stepOf(p) > step) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw SelfsupException.of(p.toString(), "abandoned training state", "deletable",
                            e.getClass().getSimpleName(), "check permissions");
                }
            }
        }
    }

    /**
     * @param checkpoints a run's {@code checkpoints} folder
     * @return the newest state file whose checksum holds, if any (damaged ones are skipped)
     */
    public static Optional<Path> latestIntact(Path checkpoints) {
        for (Path p : files(checkpoints)) {
            try {
                if (intact(Files.readAllBytes(p))) {
                    return Optional.of(p);
                }
            } catch (IOException e) {
                // unreadable: try the next older one
            }
        }
        return Optional.empty();
    }
}
