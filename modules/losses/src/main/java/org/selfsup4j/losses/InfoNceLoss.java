package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * InfoNCE / NT-Xent (Chen et al., SimCLR, ICML 2020; van den Oord et al. 2018) over any number of
 * views, and its supervised form (Khosla et al., NeurIPS 2020) when the labels are classes.
 *
 * <p>Inputs: {@code predictions = [z]} with {@code z (M, D)} unit vectors (all views of the batch
 * stacked), {@code labels = [y]} with {@code y (M,)} ids: instance ids tiled across views for
 * self-supervision, class ids for supervised batches. With {@code s_ik = z_i·z_k / τ} and
 * {@code P(i) = {p ≠ i : y_p = y_i}}:
 * <pre>
 *   ℓ_i = −(1/|P(i)|) Σ_{p∈P(i)} log( exp(s_ip) / Σ_{k≠i} exp(s_ik) )
 *   L   = mean of ℓ_i over the anchors with |P(i)| ≥ 1
 * </pre>
 * With two views (one positive per anchor) this is exactly SimCLR's NT-Xent over the 2N anchors.
 * When no anchor has a positive the loss is {@code 0·Σz}: zero, finite and still connected to the graph.
 * {@code evaluate} has no side effects. Default τ = 0.5 (small images, SCIENCE.md §3).
 */
public final class InfoNceLoss extends Loss {
    private static final float MASK = 1e9f;
    private final float temperature;

    /**
     * @param temperature τ &gt; 0
     */
    public InfoNceLoss(double temperature) {
        super("info_nce");
        this.temperature = (float) Checks.positive("temperature", temperature);
    }

    /** @return τ */
    public float temperature() {
        return temperature;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow();
        if (z.getShape().dimension() != 2) {
            throw SelfsupException.of("info_nce", "embeddings z", "2-D (M, D)", z.getShape(), null);
        }
        long m = z.getShape().get(0);
        if (y.getShape().dimension() != 1 || y.getShape().get(0) != m) {
            throw new SelfsupException("info_nce", "shape of labels " + y.getShape()
                    + " must be (" + m + ") to match embeddings z " + z.getShape());
        }
        NDManager mgr = z.getManager();
        NDArray eye = mgr.eye((int) m).toType(DataType.FLOAT32, false).toDevice(z.getDevice(), false);
        NDArray logits = z.matMul(z.transpose()).div(temperature).sub(eye.mul(MASK));
        NDArray logProb = logits.logSoftmax(1);
        NDArray yf = y.toType(DataType.FLOAT32, false);
        NDArray same = yf.reshape(m, 1).eq(yf.reshape(1, m)).toType(DataType.FLOAT32, false).sub(eye);
        NDArray positives = same.sum(new int[] {1});
        NDArray hasPositive = positives.gt(0f).toType(DataType.FLOAT32, false);
        NDArray anchors = hasPositive.sum();
        if (anchors.getFloat() == 0f) {
            return z.sum().mul(0f);
        }
        NDArray perAnchor = same.mul(logProb).sum(new int[] {1}).neg().div(positives.maximum(1f));
        return perAnchor.mul(hasPositive).sum().div(anchors);
    }
}
