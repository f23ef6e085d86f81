package org.selfsup4j.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where to run: {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu}, {@code gpu}
 * (the first GPU) or {@code gpu:N}. Set by the recipe key {@code device} and the {@code --device} flag;
 * nothing in the framework assumes the CPU.
 *
 * @param name the normalised name
 */
public record DeviceSpec(String name) {
    /** The default: {@code auto}. */
    public static final DeviceSpec AUTO = new DeviceSpec("auto");

    /**
     * Validates the name.
     *
     * @param name one of {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}
     */
    public DeviceSpec {
        name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("auto|cpu|gpu|gpu:\\d{1,3}")) {
            throw SelfsupException.of("device", "", "one of auto, cpu, gpu, gpu:N", "'" + name + "'", null);
        }
    }

    /**
     * Parses a device name.
     *
     * @param name the name
     * @return the spec
     */
    public static DeviceSpec parse(String name) {
        return new DeviceSpec(name);
    }

    /**
     * Resolves the spec against the engine.
     *
     * @param engine the engine (its GPU count decides {@code auto})
     * @return the device
     */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        switch (name) {
            case "auto":
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            case "cpu":
                return Device.cpu();
            default:
                int id = name.equals("gpu") ? 0 : Integer.parseInt(name.substring(4));
                if (id >= gpus) {
                    throw SelfsupException.of("device", "'" + name + "'",
                            "a GPU the engine can see (" + gpus + " visible)", "none with id " + id,
                            "use device: auto or cpu");
                }
                return Device.gpu(id);
        }
    }
}
