package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * Sparsity penalties Ω(h) on a batch of codes {@code h: (N, q)} (sparse autoencoders; docs/components.md):
 * <ul>
 *   <li>{@link #l1}: {@code (1/N) Σ_n Σ_j |h_nj|}, the negative log of a Laplace prior on h up to constants;</li>
 *   <li>{@link #kl}: {@code Σ_j KL(ρ || ρ̂_j) = Σ_j [ρ log(ρ/ρ̂_j) + (1−ρ) log((1−ρ)/(1−ρ̂_j))]} with
 *       {@code ρ̂_j = (1/N) Σ_n h_nj} the batch's mean activation of unit j, for codes in (0, 1) (sigmoid
 *       units; Ng, "Sparse autoencoder", CS294A notes 2011). ρ̂ is clipped to [1e−6, 1 − 1e−6].</li>
 * </ul>
 * Both are differentiable in h and scalar; the caller multiplies by its weight λ.
 */
public final class SparsityPenalty {
    private static final double EPS = 1e-6;

    private SparsityPenalty() {}

    /**
     * @param h {@code (N, q)} codes
     * @return {@code (1/N) Σ |h|}, a scalar
     */
    public static NDArray l1(NDArray h) {
        return h.abs().sum().div(Scalars.of(h, h.getShape().get(0)));
    }

    /**
     * @param h {@code (N, q)} codes in (0, 1)
     * @param rho the target mean activation ρ in (0, 1)
     * @return {@code Σ_j KL(ρ || ρ̂_j)}, a scalar
     */
    public static NDArray kl(NDArray h, double rho) {
        Checks.require(rho > 0 && rho < 1, "sparsity_target", "", "in (0, 1)", rho);
        NDArray mean = Scalars.minimum(Scalars.maximum(h.mean(new int[] {0}), EPS), 1 - EPS);
        NDArray one = Scalars.of(h, 1);
        NDArray a = Scalars.mul(Scalars.mul(mean.log(), -1).add(Scalars.of(h, Math.log(rho))), rho);
        NDArray b = Scalars.mul(Scalars.mul(one.sub(mean).log(), -1).add(Scalars.of(h, Math.log(1 - rho))), 1 - rho);
        return a.add(b).sum();
    }
}
