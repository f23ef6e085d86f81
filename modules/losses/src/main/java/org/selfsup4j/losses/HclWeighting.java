package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SpecType;

/**
 * Hard negatives by importance weighting, with debiasing (HCL: Robinson, Chuang, Sra, Jegelka,
 * "Contrastive Learning with Hard Negative Samples", ICLR 2021). Per anchor with
 * {@code pos = exp(s⁺/τ)} and {@code neg_k = exp(s_k/τ)} over its M negatives:
 * <pre>
 *   imp = neg^β
 *   Ng  = (−τ⁺·M·pos + Σ_k imp_k·neg_k / mean_k(imp_k)) / (1 − τ⁺)
 *   Ng  = max(Ng, M·e^{−1/τ})
 *   ℓ   = −log(pos / (pos + Ng))
 * </pre>
 * With several positives {@code pos} in the τ⁺ term is their mean and the denominator keeps every
 * positive, as in multi-view InfoNCE. β = 0 is debiased contrastive learning (Chuang et al.,
 * NeurIPS 2020); β = 0 and τ⁺ = 0 is plain InfoNCE. The clamp assumes cosine logits (≥ −1/τ).
 * Gradients flow through the weights, as in the paper's code. Defaults β = 1, τ⁺ = 0.1.
 *
 * @param beta β ≥ 0, the concentration on hard negatives
 * @param tauPlus τ⁺ ∈ [0, 1), the class prior of false negatives
 */
@SpecType(value = "hcl", doc = "HCL importance-weighted, debiased negatives (beta, tau_plus)")
public record HclWeighting(double beta, double tauPlus) implements NegativeWeighting {
    /** Validates β and τ⁺. */
    public HclWeighting {
        Checks.nonNegative("beta", beta);
        Checks.inRange("tau_plus", tauPlus, 0, 0.999);
    }

    /** @return β = 1, τ⁺ = 0.1 */
    public static HclWeighting defaults() {
        return new HclWeighting(1, 0.1);
    }

    @Override
    public NDArray negativeTerm(NDArray shifted, NDArray negatives, NDArray positiveMean, NDArray shift,
            float temperature) {
        NDArray m = negatives.sum(new int[] {1}, true);
        NDArray weighted = Scalars.mul(shifted, 1 + beta).exp().mul(negatives).sum(new int[] {1}, true);
        NDArray imp = Scalars.mul(shifted, beta).exp().mul(negatives).sum(new int[] {1}, true);
        // Σ imp·neg / mean(imp), both shifted: e^{-c} · M · Σ e^{(1+β)(l−c)} / Σ e^{β(l−c)}
        NDArray reweighted = weighted.mul(m).div(Scalars.maximum(imp, 1e-30));
        NDArray ng = Scalars.div(reweighted.sub(Scalars.mul(positiveMean.mul(m), tauPlus)), 1 - tauPlus);
        NDArray floor = m.mul(shift.neg().sub(1f / temperature).exp());
        return ng.maximum(floor);
    }
}
