package org.selfsup4j.autoencoders;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.selfsup4j.core.SelfsupException;

/**
 * Principal angles between two subspaces of ℝᵈ (Björck &amp; Golub, 1973): with orthonormal bases
 * {@code Q_A, Q_B} (thin QR of the spanning vectors), the cosines of the angles are the singular values of
 * {@code Q_Aᵀ Q_B}, so {@code θ_i = arccos σ_i}, ascending. All angles 0 means equal subspaces; this is
 * how a linear autoencoder's subspace is compared with PCA's (Baldi &amp; Hornik, 1989). Commons Math does
 * the QR and the SVD.
 */
public final class Subspaces {
    private Subspaces() {}

    /**
     * @param a q_a spanning vectors (rows), each of length d, linearly independent
     * @param b q_b spanning vectors (rows), each of length d
     * @return the min(q_a, q_b) principal angles in radians, ascending
     */
    public static double[] principalAngles(double[][] a, double[][] b) {
        if (a.length == 0 || b.length == 0 || a[0].length != b[0].length) {
            throw new SelfsupException("subspaces", "spanning vectors must be non-empty and of equal length, found "
                    + a.length + " and " + b.length + " vectors");
        }
        RealMatrix qa = basis(a);
        RealMatrix qb = basis(b);
        double[] sigma = new SingularValueDecomposition(qa.transpose().multiply(qb)).getSingularValues();
        double[] angles = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            angles[i] = Math.acos(Math.max(-1, Math.min(1, sigma[i])));
        }
        java.util.Arrays.sort(angles);
        return angles;
    }

    /** @return a {@code d × q} matrix with orthonormal columns spanning the rows of {@code vectors} */
    private static RealMatrix basis(double[][] vectors) {
        RealMatrix m = new Array2DRowRealMatrix(vectors).transpose();
        RealMatrix q = new QRDecomposition(m).getQ();
        return q.getSubMatrix(0, m.getRowDimension() - 1, 0, m.getColumnDimension() - 1);
    }
}
