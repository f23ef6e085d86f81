package org.selfsup4j.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.junit.jupiter.api.Test;

/** PCA against an SVD of the centred data, and the seed's claim: a linear AE trained with MSE finds PCA's subspace. */
class LinearAeMatchesPcaTest extends ManagedTest {
    private static final int N = 1500;
    private static final int SIDE = 4;
    private static final int D = SIDE * SIDE;
    private static final int Q = 3;

    /** Data near a 3-dimensional subspace (variances 9, 4, 1) plus isotropic noise of variance 0.01, off-centre. */
    private static float[] data() {
        Random r = new Random(5);
        double[][] basis = new double[Q][D];
        for (double[] b : basis) {
            for (int i = 0; i < D; i++) {
                b[i] = r.nextGaussian();
            }
        }
        float[] x = new float[N * D];
        double[] scales = {3, 2, 1};
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < D; i++) {
                x[n * D + i] = (float) (0.5 + 0.1 * r.nextGaussian());
            }
            for (int k = 0; k < Q; k++) {
                double c = scales[k] * r.nextGaussian() / Math.sqrt(D);
                for (int i = 0; i < D; i++) {
                    x[n * D + i] += (float) (c * basis[k][i]);
                }
            }
        }
        return x;
    }

    @Test
    void pcaEqualsTheSvdOfTheCentredData() {
        float[] x = data();
        Pca.Result pca = Pca.fit(m.create(x, new Shape(N, D)), Q);
        double[][] centred = new double[N][D];
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < D; i++) {
                centred[n][i] = x[n * D + i] - pca.mean()[i];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(centred, false));
        double[] sv = svd.getSingularValues();
        double[][] top = new double[Q][];
        for (int k = 0; k < Q; k++) {
            top[k] = svd.getV().getColumn(k);
            assertEquals(sv[k] * sv[k] / (N - 1), pca.variances()[k], 1e-6 * pca.variances()[k], "variance " + k);
            double dot = 0;
            for (int i = 0; i < D; i++) {
                dot += top[k][i] * pca.components()[k][i];
            }
            assertEquals(1, Math.abs(dot), 1e-6, "component " + k + " (up to sign)");
        }
        double total = Arrays.stream(sv).map(s -> s * s / (N - 1)).sum();
        assertEquals(total, pca.totalVariance(), 1e-6 * total);
        assertArrayEquals(new double[Q], Subspaces.principalAngles(top, pca.components()), 1e-5);
    }

    @Test
    void aLinearAutoencoderLearnsThePrincipalSubspace() {
        float[] raw = data();
        Shape input = new Shape(1, 1, SIDE, SIDE);
        NDArray x = m.create(raw, new Shape(N, 1, SIDE, SIDE));
        Pca.Result pca = Pca.fit(x.reshape(N, D), Q);
        HypersphereNetwork net = AeTestSupport.net(m, new AeMlpSpec(List.of(), Q, "identity", "identity"), input);
        AutoencoderMethodSpec spec = new AutoencoderMethodSpec("mse", "linear", "none", 0, "none", 0, 0.05, 0);
        Autoencoder ae = (Autoencoder) spec.build(net, AeTestSupport.identityViews(), null, new SeedTree(0), m, input);
        double before = Subspaces.principalAngles(columns(ae.decoder().outWeight().getArray(), D, Q),
                pca.components())[Q - 1];
        float loss = AeTestSupport.train(m, ae.parameters(net), 3000, 0.01f, step -> ae.objective(x, x, true), () -> {});
        double residual = pca.totalVariance() - Arrays.stream(pca.variances()).sum();
        assertEquals(residual * (N - 1) / N, loss, 0.02 * residual, "the AE's error is PCA's discarded variance");
        double[] decoder = Subspaces.principalAngles(columns(ae.decoder().outWeight().getArray(), D, Q), pca.components());
        assertTrue(before > Math.toRadians(30), "a random start is far from PCA: " + Math.toDegrees(before) + "°");
        assertTrue(decoder[Q - 1] < Math.toRadians(1), "the decoder's columns (the reconstructions' subspace) are within 1° of"
                + " PCA's, largest angle " + Math.toDegrees(decoder[Q - 1]) + "°");
    }

    private static double[][] rows(NDArray w, int r, int c) {
        float[] v = w.toFloatArray();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = v[i * c + j];
            }
        }
        return out;
    }

    private static double[][] columns(NDArray w, int r, int c) {
        double[][] t = rows(w, r, c);
        double[][] out = new double[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j][i] = t[i][j];
            }
        }
        return out;
    }
}
