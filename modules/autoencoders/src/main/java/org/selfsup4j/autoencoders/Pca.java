package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Covariance;

/**
 * Principal component analysis: the sample covariance {@code C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ}
 * ({@link Covariance}, on the engine in float64), then the symmetric eigen decomposition of Apache Commons
 * Math. The components are the eigenvectors of the q largest eigenvalues, each signed so that its
 * largest-magnitude entry is positive (deterministic output).
 */
public final class Pca {

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
        int d = (int) x.getShape().get(1);
        Checks.atLeast("images", x.getShape().get(0), 2);
        Checks.require(q >= 1 && q <= d, "model.encoder.code", "", "in [1, " + d + "] for pca", q);
        Covariance cov = Covariance.of(x, "images");
        return fromCovariance(cov.mean(), cov.matrix(), q);
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
