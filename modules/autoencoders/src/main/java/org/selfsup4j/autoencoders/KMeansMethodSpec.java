package org.selfsup4j.autoencoders;

import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.encoders.EncoderSpec;
import java.util.Set;
import java.util.List;
import java.util.EnumSet;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.StepFunction;

/**
 * Recipe spec of {@link KMeansFit} ({@code type: kmeans}): k-means as an autoencoder (the encoder picks the
 * nearest centroid, the decoder returns it; minimising reconstruction error is the k-means objective).
 * Needs {@code model.encoder: {type: kmeans}} and {@code augment: {preset: none}}; the {@code loss},
 * {@code optimizer} and {@code train} sections are not used. Seeding draws from the stream {@code kmeans/init}.
 *
 * @param maxIterations the most Lloyd iterations, default 100
 * @param tolerance stop when the objective falls by less than this share of itself, default 1e-4
 */
@SpecType(value = "kmeans", doc = "k-means (Lloyd, k-means++ seeding) as an encoder/decoder, fitted in closed form")
public record KMeansMethodSpec(int maxIterations, double tolerance) implements MethodSpec {
    /** Validates both fields. */
    public KMeansMethodSpec {
        Checks.atLeast("max_iterations", maxIterations, 1);
        Checks.nonNegative("tolerance", tolerance);
    }

    /** @return 100 iterations, tolerance 1e-4 */
    public static KMeansMethodSpec defaults() {
        return new KMeansMethodSpec(100, 1e-4);
    }

    @Override
    public Set<RecipeSection> reads() {
        return EnumSet.noneOf(RecipeSection.class);
    }

    @Override
    public String unread(RecipeSection section) {
        return "k-means is fitted in closed form on the images as they are: no views, no loss, no head, no optimizer";
    }

    @Override
    public List<Class<? extends EncoderSpec>> encoders() {
        return List.of(KMeansEncoderSpec.class);
    }

    @Override
    public void validate(LossSpec loss, int views) {}

    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        checkModel(net.spec());
        return new KMeansFit(net, this, inputShape);
    }
}
