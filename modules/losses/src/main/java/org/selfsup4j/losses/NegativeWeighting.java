package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;

/**
 * How {@link InfoNceLoss} sums its negatives: the hook that turns InfoNCE into a hard-negative loss
 * without copying it (DESIGN.md principle 2). Members: {@link HclWeighting} (importance weighting and
 * debiasing), {@link TopKNegatives} (hardest-negative mining). Without one, every negative counts once.
 *
 * <p>All inputs are per anchor row and shifted by the row's largest valid logit {@code c} for
 * numerical safety: the method returns the negative term of the denominator multiplied by
 * {@code e^{−c}}.
 */
public interface NegativeWeighting {
    /**
     * @param shifted {@code (A, C)} logits minus {@code c}, with invalid entries pushed to −1e9
     * @param negatives {@code (A, C)} float 0/1 mask of the negatives
     * @param positiveMean {@code (A, 1)} mean of {@code exp(l − c)} over the anchor's positives
     * @param shift {@code (A, 1)} the shift {@code c}
     * @param temperature τ of the logits {@code l = s/τ}
     * @return {@code (A, 1)} the shifted negative term
     */
    NDArray negativeTerm(NDArray shifted, NDArray negatives, NDArray positiveMean, NDArray shift, float temperature);

    /**
     * Every negative once: {@code Σ_k exp(l_k − c)}.
     *
     * @param shifted shifted logits
     * @param negatives the negative mask
     * @return the sum per row, {@code (A, 1)}
     */
    static NDArray uniform(NDArray shifted, NDArray negatives) {
        return shifted.exp().mul(negatives).sum(new int[] {1}, true);
    }
}
