package org.selfsup4j.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What produced a run (DESIGN.md principle 6): recipe hash, git commit, DJL / engine / Java
 * versions, OS, threads, device, dataset file hashes and seed. Written as {@code provenance.json}.
 */
public final class Provenance {
    private Provenance() {}

    /**
     * Collects the provenance of a run.
     *
     * @param resolvedRecipe the resolved recipe text (hashed)
     * @param seed the root seed
     * @param device the device the run uses
     * @param engine the engine
     * @param datasetHashes file name → SHA-256 of the dataset files used
     * @return an ordered map ready for JSON
     */
    public static Map<String, Object> collect(String resolvedRecipe, long seed, Device device, Engine engine,
            Map<String, String> datasetHashes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipe_sha256", Hashing.sha256(resolvedRecipe.getBytes(StandardCharsets.UTF_8)));
        m.put("seed", seed);
        m.put("git_commit", gitCommit());
        m.put("selfsup4j_version", Provenance.class.getPackage().getImplementationVersion());
        m.put("djl_version", Engine.getDjlVersion());
        m.put("engine", engine.getEngineName());
        m.put("engine_version", engine.getVersion());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("engine_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        m.put("engine_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads"));
        m.put("device", device.toString());
        m.put("gpu_count", engine.getGpuCount());
        m.put("dataset_sha256", datasetHashes);
        return m;
    }

    /** @return the commit of the working directory's git checkout, or {@code null} */
    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of(".").toFile())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
