package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.selfsup4j.core.Checks;
import org.selfsup4j.stats.Covariance;

/**
 * Principal component analysis: the sample covariance {@code C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ}
 * ({@link Covariance}, on the engine in float64), then its leading axes ({@link Covariance#leading}: the
 * symmetric eigen decomposition of Apache Commons Math). The components are the eigenvectors of the q
 * largest eigenvalues, each signed so that its largest-magnitude entry is positive (deterministic output).
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
        Covariance.Axes axes = Covariance.leading(cov, q);
        double trace = 0;
        for (int i = 0; i < cov.length; i++) {
            trace += cov[i][i];
        }
        return new Result(mean, axes.components(), axes.variances(), trace);
    }
}
