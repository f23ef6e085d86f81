package org.selfsup4j.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * One root seed that derives independent, named random streams (DESIGN.md principle 7).
 *
 * <p>The seed of stream {@code name} is the first 8 bytes (big-endian) of
 * {@code SHA-256(rootSeed + "/" + name)}: streams do not depend on the order in which they are
 * requested nor on thread timing, and adding a new stream never shifts an existing one. Typical
 * names: {@code init}, {@code sampler/epoch-3}, {@code augment/view-0/step-120}, {@code probe/split}.
 */
public final class SeedTree {
    private final long root;
    private final String prefix;

    /**
     * @param root the root seed of a run
     */
    public SeedTree(long root) {
        this(root, "");
    }

    private SeedTree(long root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /** @return the root seed */
    public long root() {
        return root;
    }

    /**
     * Returns a sub-tree whose stream names are prefixed with {@code name + "/"}.
     *
     * @param name the sub-tree's name
     * @return the sub-tree
     */
    public SeedTree child(String name) {
        return new SeedTree(root, prefix + name + "/");
    }

    /**
     * Returns the 64-bit seed of a named stream.
     *
     * @param name the stream's name
     * @return its seed
     */
    public long seed(String name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((root + "/" + prefix + name).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (digest[i] & 0xFF);
        }
        return s;
    }

    /**
     * Returns a fresh generator for a named stream; the same name always gives the same sequence.
     *
     * @param name the stream's name
     * @return a new generator
     */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(seed(name));
    }
}
