package org.selfsup4j.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.ContractivePenalty;
import org.selfsup4j.losses.GaussianKl;
import org.selfsup4j.losses.SparsityPenalty;
import org.junit.jupiter.api.Test;

/** The closed forms against independent references: numerical integration, finite differences, hand values. */
class AutoencoderMathTest extends ManagedTest {
    @Test
    void closedFormKlMatchesNumericalIntegration() {
        double[][] cases = {{0, 0}, {1.5, 0}, {-0.7, Math.log(0.25)}, {0.3, Math.log(3.0)}, {2.0, -3.0}};
        float[] mu = new float[cases.length];
        float[] lv = new float[cases.length];
        for (int i = 0; i < cases.length; i++) {
            mu[i] = (float) cases[i][0];
            lv[i] = (float) cases[i][1];
        }
        float[] closed = GaussianKl.perSample(m.create(mu, new Shape(cases.length, 1)), m.create(lv, new Shape(cases.length, 1)))
                .toFloatArray();
        for (int i = 0; i < cases.length; i++) {
            double s = Math.exp(0.5 * cases[i][1]);
            double numeric = integrateKl(cases[i][0], s);
            assertEquals(numeric, closed[i], 1e-4 * Math.max(1, numeric), "case " + i);
        }
        // a sum over dimensions: KL of (μ, σ²) = ((1, 1), (0, 4)) is 0.5 + (4 − 1 − ln 4)/2
        float two = GaussianKl.perSample(m.create(new float[] {1, 0}, new Shape(1, 2)),
                m.create(new float[] {0, (float) Math.log(4)}, new Shape(1, 2))).getFloat();
        assertEquals(0.5 + (4 - 1 - Math.log(4)) / 2, two, 1e-5);
    }

    /** ∫ q(z) log(q(z)/p(z)) dz by Simpson's rule over μ ± 12σ. */
    private static double integrateKl(double mu, double s) {
        int n = 20000;
        double a = mu - 12 * s;
        double h = 24 * s / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = a + i * h;
            double logq = -0.5 * Math.log(2 * Math.PI) - Math.log(s) - (z - mu) * (z - mu) / (2 * s * s);
            double logp = -0.5 * Math.log(2 * Math.PI) - z * z / 2;
            double f = Math.exp(logq) * (logq - logp);
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    @Test
    void contractiveClosedFormsMatchFiniteDifferences() {
        for (String act : List.of("sigmoid", "tanh")) {
            HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(), 6, act, act), new Shape(1, 1, 3, 3));
            CodeEncoder enc = (CodeEncoder) net.encoder();
            NDArray x = AeTestSupport.images(m, 4, 3, 1);
            CodeEncoder.Trace t = enc.trace(new ParameterStore(m, false), x, false);
            NDArray w = enc.codeWeight().getArray();
            float closed = (act.equals("sigmoid") ? ContractivePenalty.sigmoidLayer(t.code(), w)
                    : ContractivePenalty.tanhLayer(t.code(), w)).getFloat();
            float chain = ContractivePenalty.jacobianChain(new NDList(w),
                    new NDList(enc.codeActivation().derivative(t.code()))).getFloat();
            double fd = finiteDifferenceJacobianNorm(enc, x);
            assertEquals(fd, closed, 2e-3 * fd, act + " closed form");
            assertEquals(closed, chain, 1e-5 * closed, act + " chain of one layer");
        }
    }

    @Test
    void jacobianChainOfADeepEncoderMatchesFiniteDifferences() {
        for (String act : List.of("tanh", "sigmoid", "identity")) {
            HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(7, 5), 3, act, "sigmoid"),
                    new Shape(1, 1, 3, 3));
            CodeEncoder enc = (CodeEncoder) net.encoder();
            NDArray x = AeTestSupport.images(m, 5, 3, 2);
            CodeEncoder.Trace t = enc.trace(new ParameterStore(m, false), x, false);
            List<NDList> f = enc.jacobianFactors(t);
            float chain = ContractivePenalty.jacobianChain(f.get(0), f.get(1)).getFloat();
            double fd = finiteDifferenceJacobianNorm(enc, x);
            assertEquals(fd, chain, 2e-3 * fd, act);
        }
    }

    /** (1/N) Σ_n ||J_n||²_F with J by central differences in each input pixel (step 1e-2, float64 sums). */
    private double finiteDifferenceJacobianNorm(CodeEncoder enc, NDArray x) {
        ParameterStore ps = new ParameterStore(m, false);
        float[] base = x.toFloatArray();
        int n = (int) x.getShape().get(0);
        int d = base.length / n;
        double total = 0;
        float h = 1e-2f;
        for (int i = 0; i < d; i++) {
            float[] plus = base.clone();
            float[] minus = base.clone();
            for (int s = 0; s < n; s++) {
                plus[s * d + i] += h;
                minus[s * d + i] -= h;
            }
            float[] fp = enc.trace(ps, m.create(plus, x.getShape()), false).code().toFloatArray();
            float[] fm = enc.trace(ps, m.create(minus, x.getShape()), false).code().toFloatArray();
            for (int k = 0; k < fp.length; k++) {
                double g = ((double) fp[k] - fm[k]) / (2 * h);
                total += g * g;
            }
        }
        return total / n;
    }

    @Test
    void sparsityPenaltiesEqualHandValues() {
        NDArray h = m.create(new float[] {0.1f, -0.5f, 0.2f, 0.0f, 0.3f, 0.4f}, new Shape(2, 3));
        assertEquals((0.1 + 0.5 + 0.2 + 0.0 + 0.3 + 0.4) / 2, SparsityPenalty.l1(h).getFloat(), 1e-6);
        NDArray s = m.create(new float[] {0.1f, 0.5f, 0.3f, 0.7f}, new Shape(2, 2));
        double rho = 0.2;
        double expected = 0;
        for (double mean : new double[] {0.2, 0.6}) {
            expected += rho * Math.log(rho / mean) + (1 - rho) * Math.log((1 - rho) / (1 - mean));
        }
        assertEquals(expected, SparsityPenalty.kl(s, rho).getFloat(), 1e-6);
        assertEquals(0, SparsityPenalty.kl(m.create(new float[] {0.2f, 0.2f}, new Shape(2, 1)), rho).getFloat(), 1e-6);
    }

    @Test
    void reconstructionCostsEqualHandValues() {
        NDArray logits = m.create(new float[] {0f, 2f, -3f, 40f}, new Shape(1, 1, 2, 2));
        NDArray x = m.create(new float[] {0.5f, 1f, 0f, 1f}, new Shape(1, 1, 2, 2));
        double bce = 0;
        float[] l = logits.toFloatArray();
        float[] xs = x.toFloatArray();
        for (int i = 0; i < 4; i++) {
            double logP = -Math.log1p(Math.exp(-l[i])); // log σ(ℓ)
            double logNotP = -l[i] + logP; // log(1 − σ(ℓ))
            bce -= xs[i] * logP + (1 - xs[i]) * logNotP;
        }
        assertEquals(bce, new ReconstructionLoss("bce", "sigmoid").perImage(logits, x).getFloat(), 1e-5);
        double mse = 0;
        for (int i = 0; i < 4; i++) {
            mse += (l[i] - xs[i]) * (l[i] - xs[i]);
        }
        assertEquals(mse, new ReconstructionLoss("mse", "linear").perImage(logits, x).getFloat(), 1e-3);
    }

    @Test
    void principalAnglesOfKnownSubspaces() {
        double t = 0.3;
        double[] angles = Subspaces.principalAngles(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}},
                new double[][] {{2, 0, 0, 0}, {0, Math.cos(t), Math.sin(t), 0}});
        assertArrayEquals(new double[] {0, t}, angles, 1e-9);
        assertArrayEquals(new double[] {Math.PI / 2}, Subspaces.principalAngles(new double[][] {{1, 0, 0}},
                new double[][] {{0, 0, 5}}), 1e-9);
        // the same plane from different spanning vectors
        assertArrayEquals(new double[] {0, 0}, Subspaces.principalAngles(new double[][] {{1, 1, 0}, {1, -1, 0}},
                new double[][] {{3, 0, 0}, {1, 2, 0}}), 1e-7);
    }

    @Test
    void convDecoderMirrorsTheEncoderShapes() {
        HypersphereNetwork net = AeTestSupport.net(m, new AeConvSpec(List.of(4, 6), 5, "relu", "identity"),
                new Shape(1, 1, 28, 28));
        CodeDecoder dec = new CodeDecoder(net.spec().encoder(), new Shape(1, 28, 28));
        dec.initialize(m, DataType.FLOAT32, new Shape(1, 5));
        NDArray x = m.randomUniform(0, 1, new Shape(3, 1, 28, 28));
        NDArray code = net.encoder().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
        assertEquals(new Shape(3, 5), code.getShape());
        assertEquals(new Shape(3, 1, 28, 28), dec.forward(new ParameterStore(m, false), new NDList(code), false)
                .singletonOrThrow().getShape());
        NDArray up = CodeDecoder.upsample(m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.toFloatArray());
    }
}
