package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Scalars;

/**
 * The closed-form Kullback–Leibler divergence of a diagonal Gaussian from the standard normal, the VAE's
 * regulariser (Kingma &amp; Welling, ICLR 2014, appendix B):
 * <pre>
 *   KL(N(μ, σ²) || N(0, I)) = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²)
 * </pre>
 * per sample, from the encoder's μ and log σ², both {@code (N, q)}.
 */
public final class GaussianKl {
    private GaussianKl() {}

    /**
     * @param mu {@code (N, q)}
     * @param logVar {@code (N, q)} log σ²
     * @return {@code (N)} the divergence of each sample
     */
    public static NDArray perSample(NDArray mu, NDArray logVar) {
        NDArray inner = Scalars.of(logVar, 1).add(logVar).sub(mu.square()).sub(logVar.exp());
        return Scalars.mul(inner.sum(new int[] {1}), -0.5);
    }
}
