package org.selfsup4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The sample mean and covariance of the rows of a matrix, accumulated on the engine in float64 over row
 * chunks of the centred data: {@code μ = (1/n) Σ_i x_i}, {@code C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ}.
 * Centring before the products (rather than {@code Σ x xᵀ − n μμᵀ}) keeps a constant direction exactly 0.
 *
 * @param mean μ, {@code d} values
 * @param matrix C, {@code d × d}
 * @param n the number of rows
 */
public record Covariance(double[] mean, double[][] matrix, long n) {
    private static final int CHUNK = 4096;

    /**
     * @param x {@code (n, d)} rows, any float type, n ≥ 2
     * @param where names the rows in the error for n &lt; 2
     * @return the mean and covariance
     */
    public static Covariance of(NDArray x, String where) {
        long n = x.getShape().get(0);
        int d = (int) x.getShape().get(1);
        Checks.atLeast(where, n, 2);
        NDArray mean = x.toType(DataType.FLOAT64, false).mean(new int[] {0});
        NDArray gram = x.getManager().zeros(new Shape(d, d), DataType.FLOAT64);
        for (long s = 0; s < n; s += CHUNK) {
            NDArray c = x.get(new NDIndex(s + ":" + Math.min(n, s + CHUNK))).toType(DataType.FLOAT64, false).sub(mean);
            gram.addi(c.transpose().matMul(c));
        }
        double[] g = gram.toDoubleArray();
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                cov[i][j] = g[i * d + j] / (n - 1);
            }
        }
        return new Covariance(mean.toDoubleArray(), cov, n);
    }
}
