package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.selfsup4j.core.SelfsupException;

/**
 * Supervised contrastive loss (Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020), the
 * {@code L_out} form: positives are all other samples with the same class label,
 * <pre>
 *   ℓ_i = −(1/|P(i)|) Σ_{p∈P(i)} log( exp(s_ip/τ) / Σ_{a≠i} exp(s_ia/τ) )
 * </pre>
 * It is {@link InfoNceLoss} with class labels, plus the check that the batch holds at least two
 * classes (with one class there are no negatives and the loss is meaningless). Inputs:
 * {@code predictions = [z (N, D)]} (all views stacked), {@code labels = [y (N,)]} class ids.
 * Default τ = 0.1 (the paper's).
 */
public final class SupConLoss extends InfoNceLoss {
    /**
     * @param temperature τ &gt; 0
     */
    public SupConLoss(double temperature) {
        super("supcon", temperature, Distances.COSINE, null);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        long[] y = labels.head().toType(DataType.INT64, false).toLongArray();
        if (Arrays.stream(y).distinct().count() < 2) {
            throw SelfsupException.of("supcon", "classes in the batch", ">= 2", Arrays.stream(y).distinct().count(),
                    "a supervised batch needs negatives: raise train.batch_size or use an M-per-class sampler");
        }
        return super.evaluate(labels, predictions);
    }
}
