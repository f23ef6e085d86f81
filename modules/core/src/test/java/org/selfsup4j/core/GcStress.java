package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Test support: runs the garbage collector between a forward and a backward pass and then overwrites
 * the native memory it freed, so that a backward pass reading an array that Java already released
 * (DJL's constant-operand ops, see {@link Scalars}) reads garbage instead of the old value by luck.
 */
public final class GcStress {
    private static final float JUNK = 1e30f;

    private GcStress() {}

    /** Collects garbage, waits for the cleaner to free direct buffers, then reuses that memory with junk. */
    public static void collectAndOverwrite() {
        System.gc();
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int k = 0; k < 4096; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (k % 5)).order(ByteOrder.nativeOrder());
            while (b.remaining() >= Float.BYTES) {
                b.putFloat(JUNK);
            }
            junk.add(b);
        }
    }

    /**
     * @param m the manager the step's scope opens under
     * @param loss builds the scalar loss in the given scope
     * @param leaves arrays with gradients (parameters or inputs)
     * @param stress whether to collect and overwrite between the forward and the backward pass
     * @return each leaf's gradient, which is then zeroed
     */
    public static float[][] gradients(NDManager m, Function<NDManager, NDArray> loss, List<NDArray> leaves, boolean stress) {
        float[][] out = new float[leaves.size()][];
        try (NDManager scope = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(scope);
                if (stress) {
                    collectAndOverwrite();
                }
                gc.backward(l);
            }
            for (int i = 0; i < out.length; i++) {
                NDArray g = leaves.get(i).getGradient();
                g.attach(scope);
                out[i] = g.toFloatArray();
                g.muli(0f);
            }
        }
        return out;
    }

    /**
     * Asserts that the gradients with a collection between forward and backward equal, bit for bit,
     * those without, several times over, and that some gradient is non-zero.
     *
     * @param what names the case in failures
     * @param m the manager
     * @param loss builds the scalar loss in the given scope (deterministically)
     * @param leaves arrays with gradients
     */
    public static void assertGradientsSurvive(String what, NDManager m, Function<NDManager, NDArray> loss,
            List<NDArray> leaves) {
        float[][] calm = gradients(m, loss, leaves, false);
        boolean nonZero = false;
        for (float[] g : calm) {
            for (float v : g) {
                nonZero |= v != 0f;
            }
        }
        assertTrue(nonZero, what + ": some gradient is non-zero");
        for (int rep = 0; rep < 3; rep++) {
            float[][] stressed = gradients(m, loss, leaves, true);
            for (int i = 0; i < calm.length; i++) {
                assertArrayEquals(calm[i], stressed[i], what + ": leaf " + i + ", repeat " + rep);
            }
        }
    }
}
