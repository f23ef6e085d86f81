package org.selfsup4j.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.GcStress;

/**
 * Every backbone with its projection head gives the same parameter gradients whether or not the
 * garbage collector runs between the forward and the backward pass (a constant freed by Java and read
 * by autograd, see {@code Scalars}, would make them differ).
 */
class GradientsSurviveGcTest {
    @Test
    void everyBackboneGivesTheSameGradientsAfterACollection() {
        for (EncoderSpec spec : List.of(new VitSpec(4, 2, 8, 2, 2, "cls"), new VitSpec(4, 1, 8, 2, 2, "mean"),
                new ResNetSpec(18, 4, "small"), new ConvNetSpec(List.of(4, 8), true), new MlpEncoderSpec(List.of(8), true))) {
            try (NDManager m = NDManager.newBaseManager()) {
                HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(spec, new ProjectionHeadSpec(8, 4, true)));
                net.initialize(m, new Shape(1, 1, 16, 16), 1);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 16, 16));
                NDArray w = m.randomNormal(new Shape(4, 4));
                List<NDArray> leaves = net.projector().getParameters().values().stream()
                        .filter(Parameter::requiresGradient).map(Parameter::getArray).toList();
                GcStress.assertGradientsSurvive(spec.toString(), m, scope -> {
                    NDArray in = x.duplicate();
                    in.attach(scope);
                    return net.projector().forward(ps, new NDList(in), true).singletonOrThrow().mul(w).sum();
                }, leaves);
            }
        }
    }
}
