package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.selfsup4j.core.Checks;

/**
 * Principal component analysis: the sample covariance {@code C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ}
 * accumulated on the engine in float64 chunks, then the symmetric eigen decomposition of Apache Commons
 * Math. The components are the eigenvectors of the q largest eigenvalues, each signed so that its
 * largest-magnitude entry is positive (deterministic output).
 */
public final class Pca {
    private static final int CHUNK = 4096;

    /**
     * @param mean μ, {@code (d)}
     * @param components the principal directions, {@code q × d}, orthonormal rows, by decreasing variance
     * @param variances their eigenvalues λ_1 ≥ … ≥ λ_q
     * @param totalVariance {@code trace(C)}
     */
    public record Result(double[] mean, double[][] components, double[] variances, double totalVariance) {
        /** @return {@code Σ λ_j / trace(C)}, the share of the variance the q components keep */
        public double explainedRatio() {
            return Arrays.stream(variances).sum() / totalVariance;
        }
    }

    private Pca() {}

    /**
     * @param x {@code (n, d)} data, any float type, n ≥ 2
     * @param q the number of components, 1 ≤ q ≤ d
     * @return the fit
     */
    public static Result fit(NDArray x, int q) {
        long n = x.getShape().get(0);
        int d = (int) x.getShape().get(1);
        Checks.atLeast("images", n, 2);
        Checks.require(q >= 1 && q <= d, "model.encoder.code", "", "in [1, " + d + "] for pca", q);
        NDArray sum = x.getManager().zeros(new ai.djl.ndarray.types.Shape(d), DataType.FLOAT64);
        NDArray gram = x.getManager().zeros(new ai.djl.ndarray.types.Shape(d, d), DataType.FLOAT64);
        for (long s = 0; s < n; s += CHUNK) {
            NDArray c = x.get(new NDIndex(s + ":" + Math.min(n, s + CHUNK))).toType(DataType.FLOAT64, false);
            sum.addi(c.sum(new int[] {0}));
            gram.addi(c.transpose().matMul(c));
        }
        double[] mean = sum.toDoubleArray();
        double[] g = gram.toDoubleArray();
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i][j] = (g[i * d + j] - n * mean[i] * mean[j]) / (n - 1);
            }
        }
        return fromCovariance(mean, cov, q);
    }

    /**
     * @param mean μ
     * @param cov a symmetric covariance matrix
     * @param q the number of components
     * @return the fit
     */
    static Result fromCovariance(double[] mean, double[][] cov, int q) {
        int d = cov.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(i -> -values[i]))
                .toArray(Integer[]::new);
        RealMatrix v = eig.getV();
        double[][] components = new double[q][];
        double[] variances = new double[q];
        for (int j = 0; j < q; j++) {
            double[] c = v.getColumn(order[j]);
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(c[i]) > Math.abs(c[arg])) {
                    arg = i;
                }
            }
            if (c[arg] < 0) {
                for (int i = 0; i < d; i++) {
                    c[i] = -c[i];
                }
            }
            components[j] = c;
            variances[j] = Math.max(0, values[order[j]]);
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        return new Result(mean, components, variances, trace);
    }
}
