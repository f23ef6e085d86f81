package org.selfsup4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Constant-operand ops: values and gradients against closed forms, with garbage collected mid-step. */
class ScalarsTest extends ManagedTest {
    private static final float[] X = {-2f, -0.5f, 0.25f, 1f, 3f};

    private float[] gradient(BiFunction<NDArray, Double, NDArray> op, double c) {
        NDArray x = m.create(X);
        x.setRequiresGradient(true);
        return GcStress.gradients(m, s -> op.apply(x, c).sum(), List.of(x), true)[0];
    }

    @Test
    void gradientsMatchClosedFormsAfterACollection() {
        float[] dMul = new float[X.length];
        float[] dDiv = new float[X.length];
        float[] dMax = new float[X.length];
        float[] dMin = new float[X.length];
        for (int i = 0; i < X.length; i++) {
            dMul[i] = -3f;
            dDiv[i] = 1f / 4f;
            dMax[i] = X[i] > 0.5f ? 1f : 0f;
            dMin[i] = X[i] < 0.5f ? 1f : 0f;
        }
        for (int rep = 0; rep < 5; rep++) {
            assertArrayEquals(dMul, gradient(Scalars::mul, -3), "d(x·c)/dx = c");
            assertArrayEquals(dDiv, gradient(Scalars::div, 4), "d(x/c)/dx = 1/c");
            assertArrayEquals(dMax, gradient(Scalars::maximum, 0.5), "max passes gradient where x > c");
            assertArrayEquals(dMin, gradient(Scalars::minimum, 0.5), "min passes gradient where x < c");
        }
        NDArray x = m.create(new float[] {0.5f, 1f, 2f});
        x.setRequiresGradient(true);
        float[] dPow = GcStress.gradients(m, s -> Scalars.pow(x, 3).sum(), List.of(x), true)[0];
        assertArrayEquals(new float[] {0.75f, 3f, 12f}, dPow, 1e-6f, "d(x³)/dx = 3x²");
    }

    @Test
    void valuesTypesAndManagers() {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(X);
            assertArrayEquals(new float[] {-1f, -0.25f, 0.125f, 0.5f, 1.5f}, Scalars.div(x, 2).toFloatArray());
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 1f, 3f}, Scalars.maximum(x, 0.5).toFloatArray());
            assertArrayEquals(new float[] {-2f, -0.5f, 0.25f, 0.5f, 0.5f}, Scalars.minimum(x, 0.5).toFloatArray());
            NDArray d = scope.create(new double[] {1, 2}).toType(DataType.FLOAT64, false);
            NDArray c = Scalars.of(d, 0.1);
            assertEquals(DataType.FLOAT64, c.getDataType());
            assertEquals(0.1, c.getDouble(), 0.0, "a float64 constant is not rounded to float32");
            assertEquals(scope, Scalars.of(x, 1).getManager(), "the constant lives with its array");
        }
    }
}
