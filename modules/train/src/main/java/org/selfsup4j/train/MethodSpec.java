package org.selfsup4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.LossSpec;

/**
 * A training method chosen in a recipe's {@code method} section: how batches are drawn and how a
 * step's loss is assembled from the network, the views and the loss. Members:
 * {@link ContrastiveMethodSpec} ({@code contrastive}: SimCLR, MoCo v2, MoCHi) and
 * {@link MetricMethodSpec} ({@code metric}: supervised Siamese / triplet / N-pairs / SupCon),
 * {@link PredictiveMethodSpec} ({@code predictive}: BYOL, SimSiam) and, in the {@code mae} module,
 * {@code MaeMethodSpec} ({@code mae}: masked autoencoder).
 */
public interface MethodSpec {
    /**
     * Checks that the method fits the rest of the recipe.
     *
     * @param loss the loss spec
     * @param views the number of views
     */
    void validate(LossSpec loss, int views);

    /**
     * Checks that the method fits the model section (default: any model).
     *
     * @param model the model spec
     */
    default void validateModel(ModelSpec model) {}

    /**
     * Whether pretraining reads the class labels (supervised metric learning); benchmark tables mark
     * such rows, since their probe accuracy is not a self-supervised result.
     *
     * @return {@code false} by default
     */
    default boolean usesLabels() {
        return false;
    }

    /**
     * Checks that the method fits the data's image size, before a run directory is created (default:
     * any size).
     *
     * @param model the model spec
     * @param inputShape a sample input shape {@code (1, C, H, W)}
     */
    default void validateInput(ModelSpec model, Shape inputShape) {}

    /**
     * @param data the training images (with labels)
     * @param batchSize the batch size
     * @param seeds the run's seeds
     * @return the sampler of epochs; by default random batches without replacement
     */
    default EpochSampler sampler(ImageSet data, int batchSize, SeedTree seeds) {
        return new BatchSampler(data.size(), batchSize, true, seeds);
    }

    /**
     * @param net the initialised online network
     * @param views the view maker
     * @param loss the loss
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape a sample input shape {@code (1, C, H, W)}
     * @return the step function
     */
    StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root, Shape inputShape);
}
