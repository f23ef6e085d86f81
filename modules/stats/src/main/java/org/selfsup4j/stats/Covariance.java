package org.selfsup4j.stats;

import org.selfsup4j.core.Checks;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The sample mean and covariance of the rows of a matrix, accumulated on the engine in float64 over row
 * chunks of the centred data: {@code μ = (1/n) Σ_i x_i}, {@code C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ}.
 * Centring before the products (rather than {@code Σ x xᵀ − n μμᵀ}) keeps a constant direction exactly 0.
 * {@link #leading} gives its principal axes (PCA and the 2-D embedding map share them).
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

    /**
     * Principal axes of a covariance.
     *
     * @param components the unit eigenvectors, {@code q × d}, by decreasing eigenvalue, each signed so that
     *     its largest-magnitude entry is positive (deterministic)
     * @param variances their eigenvalues λ_1 ≥ … ≥ λ_q, clipped at 0
     */
    public record Axes(double[][] components, double[] variances) {}

    /**
     * @param q the number of axes, 1 ≤ q ≤ d
     * @return the q leading principal axes of {@link #matrix()}
     */
    public Axes leading(int q) {
        return leading(matrix, q);
    }

    /**
     * The symmetric eigen decomposition of Apache Commons Math, its eigenvectors ordered by decreasing
     * eigenvalue (ties keep Commons Math's order) and signed as {@link Axes} says.
     *
     * @param matrix a symmetric {@code d × d} matrix
     * @param q the number of axes, 1 ≤ q ≤ d
     * @return the q leading axes
     */
    public static Axes leading(double[][] matrix, int q) {
        int d = matrix.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
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
        return new Axes(components, variances);
    }
}
