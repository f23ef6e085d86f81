package org.selfsup4j.recipe;

import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.InfoNceSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.probe.ProbeSpec;
import org.selfsup4j.train.ContrastiveMethodSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.OptimizerSpec;
import org.selfsup4j.train.TrainSpec;

/**
 * A validated pretraining recipe: the tree of specs a YAML file describes. Every section has
 * defaults, so a file states only what differs; {@link RecipeWriter} writes the fully resolved tree.
 *
 * @param name the run name (folder prefix), default the file's name without {@code .yaml}
 * @param seed the root seed of every random stream, default 0
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}, default auto
 * @param data the dataset
 * @param method the training method ({@code contrastive} by default, or {@code metric})
 * @param augment the views
 * @param model encoder and projection head
 * @param loss the loss on the projections
 * @param optimizer optimizer and schedule
 * @param train epochs, steps, batch size
 * @param eval probe settings; when present, pretraining ends with a probe; absent (null) by default
 */
public record Recipe(String name, long seed, String device, DataSpec data, MethodSpec method, ViewsSpec augment,
        ModelSpec model,
        LossSpec loss, OptimizerSpec optimizer, TrainSpec train, ProbeSpec eval) {
    /** Validates the name and the device, and that the method fits the loss and the views. */
    public Recipe {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SelfsupException.of("name", "", "1-64 letters, digits, '.', '_' or '-'", "'" + name + "'", null);
        }
        device = DeviceSpec.parse(device).name();
        method.validate(loss, augment.viewCount());
        method.validateModel(model);
    }

    /**
     * @param name the run name
     * @return every section at its defaults
     */
    public static Recipe defaults(String name) {
        return new Recipe(name, 0, "auto", DataSpec.defaults(), ContrastiveMethodSpec.defaults(), ViewsSpec.defaults(), ModelSpec.defaults(),
                InfoNceSpec.defaults(), OptimizerSpec.defaults(), TrainSpec.defaults(), null);
    }

    /** @return the parsed device */
    public DeviceSpec deviceSpec() {
        return DeviceSpec.parse(device);
    }
}
