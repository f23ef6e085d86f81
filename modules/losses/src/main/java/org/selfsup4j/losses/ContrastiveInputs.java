package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Builds the {@code (labels, predictions)} lists that {@link InfoNceLoss} reads, by name, so the
 * optional parts cannot be passed in the wrong order:
 * <ul>
 *   <li>anchors {@code z (A, D)} and their labels {@code y (A,)} (always; first in each list);
 *   <li>{@value #KEYS}: keys {@code (A, D)} from a second (e.g. momentum) encoder, row i belonging to
 *       anchor i; without keys the anchors are their own candidates;
 *   <li>{@value #BANK} {@code (K, D)} with {@value #BANK_LABELS} {@code (K,)}: memory-bank entries,
 *       positive when their label equals the anchor's (use −1 for "always negative");
 *   <li>{@value #EXTRA}: per-anchor extra negatives {@code (A, E, D)} (e.g. MoCHi's synthetic ones).
 * </ul>
 * Usage: {@code loss.evaluate(in.labels(), in.predictions())} with
 * {@code in = ContrastiveInputs.of(z, y).keys(k).bank(b, bl)}.
 */
public final class ContrastiveInputs {
    /** Name of the keys array. */
    public static final String KEYS = "keys";
    /** Name of the memory-bank array. */
    public static final String BANK = "bank";
    /** Name of the memory-bank labels. */
    public static final String BANK_LABELS = "bank_labels";
    /** Name of the per-anchor extra negatives. */
    public static final String EXTRA = "extra_negatives";

    private final NDList labels;
    private final NDList predictions;

    private ContrastiveInputs(NDArray z, NDArray y) {
        this.labels = new NDList(y);
        this.predictions = new NDList(z);
    }

    /**
     * @param z anchors {@code (A, D)}
     * @param y their labels {@code (A,)}
     * @return the inputs
     */
    public static ContrastiveInputs of(NDArray z, NDArray y) {
        return new ContrastiveInputs(z, y);
    }

    /**
     * @param keys {@code (A, D)}
     * @return this
     */
    public ContrastiveInputs keys(NDArray keys) {
        keys.setName(KEYS);
        predictions.add(keys);
        return this;
    }

    /**
     * @param bank {@code (K, D)}
     * @param bankLabels {@code (K,)}
     * @return this
     */
    public ContrastiveInputs bank(NDArray bank, NDArray bankLabels) {
        bank.setName(BANK);
        bankLabels.setName(BANK_LABELS);
        predictions.add(bank);
        labels.add(bankLabels);
        return this;
    }

    /**
     * @param extra {@code (A, E, D)}
     * @return this
     */
    public ContrastiveInputs extraNegatives(NDArray extra) {
        extra.setName(EXTRA);
        predictions.add(extra);
        return this;
    }

    /** @return the labels list */
    public NDList labels() {
        return labels;
    }

    /** @return the predictions list */
    public NDList predictions() {
        return predictions;
    }
}
