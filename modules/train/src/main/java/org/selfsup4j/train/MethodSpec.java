package org.selfsup4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.data.BatchSampler;
import org.selfsup4j.data.EpochSampler;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.LossSpec;

/**
 * A training method chosen in a recipe's {@code method} section: how batches are drawn and how a
 * step's loss is assembled from the network, the views and the loss. Members:
 * {@link ContrastiveMethodSpec} ({@code contrastive}: SimCLR, MoCo v2, MoCHi) and
 * {@link MetricMethodSpec} ({@code metric}: supervised Siamese / triplet / N-pairs / SupCon),
 * {@link PredictiveMethodSpec} ({@code predictive}: BYOL, SimSiam) and, in the {@code mae} module,
 * {@code MaeMethodSpec} ({@code mae}: masked autoencoder), and the autoencoder family in the
 * {@code autoencoders} module.
 *
 * <p>The contract a method declares, checked in one place ({@link #checkModel}) when a recipe is bound:
 * the recipe sections it reads ({@link #reads()}; a recipe that writes another is refused with the
 * reason {@link #unread}), the encoder types it trains ({@link #encoders()}), and its own field-level
 * conditions ({@link #validate}, {@link #validateModel}).
 */
public interface MethodSpec {
    /**
     * The optional recipe sections this method reads (default: all but {@code model.predictor}, as
     * contrastive and metric learning do). A section not in the set must be absent from the recipe.
     *
     * @return the sections read
     */
    default Set<RecipeSection> reads() {
        return EnumSet.of(RecipeSection.AUGMENT, RecipeSection.LOSS, RecipeSection.HEAD, RecipeSection.OPTIMIZER);
    }

    /**
     * Why a section is not read, for the message that refuses it.
     *
     * @param section a section not in {@link #reads()}
     * @return one short clause, e.g. "BYOL/SimSiam train with their own 2 − 2cos objective"
     */
    default String unread(RecipeSection section) {
        return "method '" + name(this) + "' does not read it";
    }

    /**
     * The encoder types this method can train (default: any).
     *
     * @return encoder spec classes, empty for any
     */
    default List<Class<? extends EncoderSpec>> encoders() {
        return List.of();
    }

    /**
     * Checks the method's own conditions on the rest of the recipe.
     *
     * @param loss the loss spec, {@code null} when the method does not read one
     * @param views the number of views, 0 when the method does not read an augment section
     */
    void validate(LossSpec loss, int views);

    /**
     * The method's own conditions on the model beyond the encoder type (default: none).
     *
     * @param model the model spec
     */
    default void validateModel(ModelSpec model) {}

    /**
     * The one place encoder/method compatibility is checked: the encoder type against
     * {@link #encoders()}, a predictor against {@link #reads()}, then {@link #validateModel}.
     *
     * @param model the model spec
     * @throws SelfsupException naming {@code model.encoder.type} or {@code model.predictor}
     */
    default void checkModel(ModelSpec model) {
        List<Class<? extends EncoderSpec>> allowed = encoders();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(c -> c.isInstance(model.encoder()))) {
            throw SelfsupException.of("model.encoder.type", "", String.join(" or ", allowed.stream().map(MethodSpec::name)
                    .toList()) + " for method '" + name(this) + "'", "'" + name(model.encoder()) + "'", null);
        }
        if (model.predictor() != null && !reads().contains(RecipeSection.PREDICTOR)) {
            throw SelfsupException.of("model.predictor", "", "absent for method '" + name(this) + "'", "a predictor",
                    unread(RecipeSection.PREDICTOR));
        }
        validateModel(model);
    }

    /**
     * @param spec a spec object or class
     * @return its recipe type name ({@link SpecType}), or its simple class name
     */
    static String name(Object spec) {
        Class<?> c = spec instanceof Class<?> k ? k : spec.getClass();
        SpecType t = c.getAnnotation(SpecType.class);
        return t == null ? c.getSimpleName() : t.value();
    }

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
     * @param views the view maker, {@code null} when the method does not read {@code augment}
     * @param loss the loss, {@code null} when the method does not read {@code loss}
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape a sample input shape {@code (1, C, H, W)}
     * @return the step function
     */
    StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root, Shape inputShape);
}
