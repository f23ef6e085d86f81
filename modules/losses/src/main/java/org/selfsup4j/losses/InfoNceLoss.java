package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SelfsupException;

/**
 * InfoNCE / NT-Xent (Chen et al., SimCLR, ICML 2020; van den Oord et al. 2018) over any number of
 * views, its supervised form (Khosla et al., NeurIPS 2020) when the labels are classes, and the
 * MoCo form (He et al. 2020; Chen et al. 2020, MoCo v2) with momentum keys, a memory bank and extra
 * negatives ({@link ContrastiveInputs}).
 *
 * <p>Anchors {@code z (A, D)} with labels {@code y}; candidates are the keys (or the anchors
 * themselves), then the bank, then the extra negatives. With logits {@code l_ik = s(z_i, c_k)/τ}
 * ({@code s} the similarity, or {@code −d} for a distance), candidate k ≠ i (same row excluded),
 * positives {@code P(i) = {k : y_k = y_i}} and negatives {@code N(i)} the rest:
 * <pre>
 *   ℓ_i = −(1/|P(i)|) Σ_{p∈P(i)} log( exp(l_ip) / (Σ_{p'∈P(i)} exp(l_ip') + Neg_i) )
 *   Neg_i = Σ_{k∈N(i)} exp(l_ik)          (or a {@link NegativeWeighting}: HCL, top-k)
 *   L   = mean of ℓ_i over the anchors with |P(i)| ≥ 1
 * </pre>
 * With two views (one positive per anchor) this is exactly SimCLR's NT-Xent over the 2N anchors.
 * Computed with a per-row max shift, so large logits do not overflow. When no anchor has a positive
 * the loss is {@code 0·Σz}: zero, finite and still connected to the graph. {@code evaluate} has no
 * side effects. Defaults: τ = 0.5 (small images, as SimCLR's CIFAR setting), cosine similarity, no weighting.
 */
public class InfoNceLoss extends Loss {
    private final float temperature;
    private final Distance distance;
    private final NegativeWeighting weighting;

    /**
     * @param temperature τ &gt; 0
     */
    public InfoNceLoss(double temperature) {
        this(temperature, Distances.COSINE, null);
    }

    /**
     * @param temperature τ &gt; 0
     * @param distance the similarity (or distance, negated)
     * @param weighting the negative weighting, or {@code null} for plain InfoNCE
     */
    public InfoNceLoss(double temperature, Distance distance, NegativeWeighting weighting) {
        this("info_nce", temperature, distance, weighting);
    }

    /**
     * @param name the loss name
     * @param temperature τ &gt; 0
     * @param distance the similarity
     * @param weighting the negative weighting, or {@code null}
     */
    protected InfoNceLoss(String name, double temperature, Distance distance, NegativeWeighting weighting) {
        super(name);
        this.temperature = (float) Checks.positive("temperature", temperature);
        this.distance = distance;
        this.weighting = weighting;
    }

    /** @return τ */
    public float temperature() {
        return temperature;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head();
        NDArray y = labels.head();
        LabelMasks.check(getName(), z, y);
        long a = z.getShape().get(0);
        NDManager mgr = z.getManager();
        NDArray keys = predictions.contains(ContrastiveInputs.KEYS) ? predictions.get(ContrastiveInputs.KEYS) : z;
        Checks.sameShape(getName(), "anchors", z.getShape().getShape(), "keys", keys.getShape().getShape());
        LabelMasks self = LabelMasks.of(y);
        NDArray logits = logits(z, keys);
        NDArray pos = LabelMasks.f(self.positive());
        NDArray neg = LabelMasks.f(self.negative());
        if (predictions.contains(ContrastiveInputs.BANK)) {
            NDArray bank = predictions.get(ContrastiveInputs.BANK);
            NDArray bankLabels = labels.get(ContrastiveInputs.BANK_LABELS);
            checkBank(z, bank, bankLabels);
            LabelMasks banked = LabelMasks.against(y, bankLabels);
            logits = logits.concat(logits(z, bank), 1);
            pos = pos.concat(LabelMasks.f(banked.positive()), 1);
            neg = neg.concat(LabelMasks.f(banked.negative()), 1);
        }
        if (predictions.contains(ContrastiveInputs.EXTRA)) {
            NDArray extra = predictions.get(ContrastiveInputs.EXTRA);
            checkExtra(z, extra);
            long e = extra.getShape().get(1);
            NDArray rows = z.expandDims(1).tile(new long[] {1, e, 1}).reshape(a * e, -1);
            NDArray l = Scalars.mul(distance.paired(rows, extra.reshape(a * e, -1)), -distance.sign() / temperature).reshape(a, e);
            logits = logits.concat(l, 1);
            pos = pos.concat(mgr.zeros(l.getShape()).toDevice(z.getDevice(), false), 1);
            neg = neg.concat(mgr.ones(l.getShape()).toDevice(z.getDevice(), false), 1);
        }
        NDArray count = pos.sum(new int[] {1}, true);
        NDArray has = count.gt(0f).toType(DataType.FLOAT32, false);
        float anchors = has.sum().getFloat();
        if (anchors == 0f) {
            return LabelMasks.zero(z);
        }
        NDArray valid = pos.add(neg);
        NDArray restricted = LabelMasks.restrict(logits, valid);
        NDArray shift = restricted.max(new int[] {1}, true).stopGradient();
        NDArray shifted = restricted.sub(shift);
        NDArray countSafe = count.maximum(1f);
        NDArray posSum = shifted.exp().mul(pos).sum(new int[] {1}, true);
        NDArray negTerm = weighting == null ? NegativeWeighting.uniform(shifted, neg)
                : weighting.negativeTerm(shifted, neg, posSum.div(countSafe), shift, temperature);
        NDArray logDenom = Scalars.maximum(posSum.add(negTerm), 1e-30).log().add(shift);
        NDArray perAnchor = logDenom.sub(logits.mul(pos).sum(new int[] {1}, true).div(countSafe));
        return Scalars.div(perAnchor.mul(has).sum(), anchors);
    }

    private NDArray logits(NDArray x, NDArray c) {
        return Scalars.mul(distance.matrix(x, c), -distance.sign() / temperature);
    }

    private void checkBank(NDArray z, NDArray bank, NDArray bankLabels) {
        if (bank.getShape().dimension() != 2 || bank.getShape().get(1) != z.getShape().get(1)) {
            throw new SelfsupException(getName(), "shape of bank " + bank.getShape() + " must be (K, "
                    + z.getShape().get(1) + ") to match anchors " + z.getShape());
        }
        if (bankLabels == null || bankLabels.getShape().dimension() != 1
                || bankLabels.getShape().get(0) != bank.getShape().get(0)) {
            throw new SelfsupException(getName(), "shape of bank_labels "
                    + (bankLabels == null ? "(missing)" : bankLabels.getShape()) + " must be ("
                    + bank.getShape().get(0) + ") to match bank " + bank.getShape());
        }
    }

    private void checkExtra(NDArray z, NDArray extra) {
        if (extra.getShape().dimension() != 3 || extra.getShape().get(0) != z.getShape().get(0)
                || extra.getShape().get(2) != z.getShape().get(1)) {
            throw new SelfsupException(getName(), "shape of extra_negatives " + extra.getShape() + " must be ("
                    + z.getShape().get(0) + ", E, " + z.getShape().get(1) + ") to match anchors " + z.getShape());
        }
    }
}
