package org.selfsup4j.cli;

import ai.djl.engine.Engine;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.core.SelfsupException;

/**
 * The {@code --device} flag's value, checked before any work starts and, when wrong, named as the user
 * wrote it ({@code --device: must be one of auto, cpu, gpu, gpu:N, found 'tpu'}), not as the recipe key
 * it overrides.
 */
final class DeviceOption {
    private DeviceOption() {}

    /**
     * @param value the flag's value, or {@code null} when absent
     * @return the spec (resolvable by the engine), or {@code null} when absent
     */
    static DeviceSpec parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            DeviceSpec spec = DeviceSpec.parse(value);
            spec.resolve(Engine.getInstance());
            return spec;
        } catch (SelfsupException e) {
            throw e.at("--device");
        }
    }
}
