package org.selfsup4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.MPerClassSampler;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.LossSpec;

/**
 * Recipe spec of {@link MetricMethod}: supervised metric learning with class labels.
 *
 * @param samplesPerClass m ≥ 2 for M-per-class batches (batch_size / m classes per batch), or 0 for
 *     plain random batches; default 32
 */
@SpecType(value = "metric", doc = "supervised metric learning on class labels (Siamese, triplet, N-pairs, SupCon)")
public record MetricMethodSpec(int samplesPerClass) implements MethodSpec {
    /** Validates m. */
    public MetricMethodSpec {
        Checks.atLeast("samples_per_class", samplesPerClass, 0);
        if (samplesPerClass == 1) {
            throw SelfsupException.of("samples_per_class", "", "0 (random batches) or >= 2", 1,
                    "a class needs two samples to form a positive");
        }
    }

    /** @return m = 32 */
    public static MetricMethodSpec defaults() {
        return new MetricMethodSpec(32);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        Checks.atLeast("augment.views", views, 1);
    }

    @Override
    public EpochSampler sampler(ImageSet data, int batchSize, SeedTree seeds) {
        return samplesPerClass == 0 ? new BatchSampler(data.size(), batchSize, true, seeds)
                : new MPerClassSampler(data.labels(), batchSize, samplesPerClass, seeds);
    }

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        return new MetricMethod(net.projector(), views, loss, seeds, root);
    }

    @Override
    public boolean usesLabels() {
        return true;
    }
}
