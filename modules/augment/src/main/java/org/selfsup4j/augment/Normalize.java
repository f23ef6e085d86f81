package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * Per-channel standardisation {@code out[:, c] = (x[:, c] − mean_c) / std_c}, deterministic. It is the
 * last step of a pipeline (its output leaves [0, 1]); when every view ends with the same normalisation,
 * feature extraction for the probes applies it too ({@link ViewsSpec#inference()}), so the encoder sees
 * the same input statistics in training and evaluation.
 *
 * <p>Left empty (the default), mean and std are the pretraining split's per-channel statistics,
 * rounded to 4 decimals (0.2860 and 0.3530 for Fashion-MNIST): a job fills them in from the data
 * ({@link ViewsSpec#withStatistics}) before it writes the resolved recipe, so a run's recipe always
 * holds the numbers it used.
 *
 * @param mean one value for all channels or one per channel; empty (default): the dataset's
 * @param std one value for all channels or one per channel, all &gt; 0; empty (default): the dataset's
 */
@SpecType(value = "normalize", doc = "standardise each channel: (x - mean) / std (last step of a pipeline)")
public record Normalize(List<Double> mean, List<Double> std) implements Augmentation {
    /** Validates and copies. */
    public Normalize {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size()) {
            throw SelfsupException.of("std", "", "as many values as mean (" + mean.size() + ")", std.size(), null);
        }
        for (double v : std) {
            Checks.positive("std", v);
        }
    }

    /** @return the dataset's statistics, filled in by the job */
    public static Normalize defaults() {
        return new Normalize(List.of(), List.of());
    }

    /** @return whether mean and std are still to be taken from the data */
    public boolean fromData() {
        return mean.isEmpty();
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        return images.sub(column(images, mean)).div(column(images, std));
    }

    /**
     * @param normalized the output of {@link #apply}
     * @return the images before normalisation, {@code x·std + mean}
     */
    public NDArray invert(NDArray normalized) {
        return normalized.mul(column(normalized, std)).add(column(normalized, mean));
    }

    private static NDArray column(NDArray images, List<Double> values) {
        int c = (int) images.getShape().get(1);
        if (values.isEmpty()) {
            throw new IllegalStateException("normalize without statistics: resolve them with ViewsSpec.withStatistics");
        }
        if (values.size() != 1 && values.size() != c) {
            throw SelfsupException.of("normalize.mean", "", "1 or " + c + " values for " + c + "-channel images",
                    values.size(), null);
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).floatValue();
        }
        return images.getManager().create(v, new Shape(1, v.length, 1, 1)).toDevice(images.getDevice(), false);
    }
}
