package org.selfsup4j.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypersphereNetworkTest {
    @Test
    void shapesUnitNormsAndParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = new ModelSpec(new ConvNetSpec(List.of(4, 8), true), new ProjectionHeadSpec(16, 5, true));
            HypersphereNetwork net = new HypersphereNetwork(spec);
            net.initialize(m, new Shape(1, 3, 12, 10), 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(7, 3, 12, 10));
            NDArray f = net.encoder().forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray z = net.projector().forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(7, 8), f.getShape());
            assertEquals(new Shape(7, 5), z.getShape());
            float[] norms = z.norm(new int[] {1}).toFloatArray();
            for (float n : norms) {
                assertEquals(1f, n, 1e-5f);
            }
            // Hand count: conv 3→4 (3·3·3·4, no bias) + BN(4: γ, β, running μ, σ²) + conv 4→8 (4·9·8) + BN(8)
            // + Linear 8→16 (no bias) + BN(16) + Linear 16→5 (+ bias).
            long expected = 108 + 16 + 288 + 32 + 128 + 64 + 80 + 5;
            long count = net.projector().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(expected, count);
        }
    }

    @Test
    void saveThenLoadGivesIdenticalEmbeddings() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            HypersphereNetwork a = new HypersphereNetwork(ModelSpec.defaults());
            a.initialize(m, new Shape(1, 1, 28, 28), 7);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(new DataOutputStream(bytes));
            HypersphereNetwork b = new HypersphereNetwork(ModelSpec.defaults());
            b.initialize(m, new Shape(1, 1, 28, 28), 8);
            b.load(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomUniform(0, 1, new Shape(3, 1, 28, 28));
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(a.encoder().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(),
                    b.encoder().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray());
        }
    }

    @Test
    void sameSeedSameInitialisation() {
        try (NDManager m = NDManager.newBaseManager()) {
            HypersphereNetwork a = new HypersphereNetwork(ModelSpec.defaults());
            HypersphereNetwork b = new HypersphereNetwork(ModelSpec.defaults());
            a.initialize(m, new Shape(1, 1, 28, 28), 3);
            b.initialize(m, new Shape(1, 1, 28, 28), 3);
            NDArray x = m.ones(new Shape(1, 1, 28, 28));
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(a.projector().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(),
                    b.projector().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray());
        }
    }
}
