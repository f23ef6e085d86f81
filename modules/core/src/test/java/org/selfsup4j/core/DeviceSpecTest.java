package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {
    @Test
    void parsesTheFourForms() {
        assertEquals("auto", DeviceSpec.parse(" AUTO ").name());
        assertEquals("gpu:3", DeviceSpec.parse("gpu:3").name());
        SelfsupException e = assertThrows(SelfsupException.class, () -> DeviceSpec.parse("tpu"));
        assertEquals("device: must be one of auto, cpu, gpu, gpu:N, found 'tpu'", e.getMessage());
    }

    @Test
    void resolvesAgainstTheEngine() {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        assertEquals(Device.cpu(), DeviceSpec.parse("cpu").resolve(engine));
        assertEquals(gpus > 0 ? Device.gpu(0) : Device.cpu(), DeviceSpec.AUTO.resolve(engine));
        SelfsupException e = assertThrows(SelfsupException.class, () -> DeviceSpec.parse("gpu:" + gpus).resolve(engine));
        assertTrue(e.getMessage().contains("a GPU the engine can see"), e.getMessage());
    }
}
