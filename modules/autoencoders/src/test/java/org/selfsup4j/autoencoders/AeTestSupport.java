package org.selfsup4j.autoencoders;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.augment.Pipeline;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;

/** Shared test helpers: tiny networks, synthetic low-dimensional images, a plain Adam loop. */
final class AeTestSupport {
    private AeTestSupport() {}

    static MultiView identityViews() {
        return new MultiView(List.of(new Pipeline(List.of())));
    }

    static HypersphereNetwork net(NDManager m, EncoderSpec encoder, Shape input) {
        HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(encoder, new ProjectionHeadSpec(8, 4, false, 2, false)));
        net.initialize(m, input, new SeedTree(0).seed("init"));
        return net;
    }

    /**
     * Images on a low-dimensional manifold: each is a random non-negative mix of 4 fixed blob prototypes,
     * clipped to [0, 1].
     */
    static NDArray images(NDManager m, int n, int side, long seed) {
        Random r = new Random(seed);
        int d = side * side;
        float[][] protos = new float[4][d];
        Random pr = new Random(99);
        for (float[] p : protos) {
            int cx = pr.nextInt(side);
            int cy = pr.nextInt(side);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    p[y * side + x] = (float) Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 6.0);
                }
            }
        }
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (float[] p : protos) {
                float w = r.nextFloat();
                for (int j = 0; j < d; j++) {
                    out[i * d + j] = Math.min(1f, out[i * d + j] + w * p[j]);
                }
            }
        }
        return m.create(out, new Shape(n, 1, side, side));
    }

    /** Runs Adam for {@code steps} on a loss built in each step's scope; returns the last loss. */
    static float train(NDManager m, List<Parameter> params, int steps, float lr, Function<Long, NDArray> loss,
            Runnable afterUpdate) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build();
        float last = Float.NaN;
        for (long step = 0; step < steps; step++) {
            try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(step);
                last = l.getFloat();
                gc.backward(l);
            }
            for (Parameter p : params) {
                NDArray g = p.getArray().getGradient();
                adam.update(p.getId(), p.getArray(), g);
                g.muli(0f);
            }
            afterUpdate.run();
        }
        return last;
    }
}
