package org.selfsup4j.recipe;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.Set;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.losses.InfoNceSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.probe.ProbeSpec;
import org.selfsup4j.train.ContrastiveMethodSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.OptimizerSpec;
import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.train.StepFunction;
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
 * @param augment the views; {@code null} when the method does not read them ({@link MethodSpec#reads()})
 * @param model encoder and projection head
 * @param loss the loss on the projections; {@code null} when the method does not read one
 * @param optimizer optimizer and schedule; {@code null} for methods fitted in closed form
 * @param train epochs, steps, batch size
 * @param eval probe settings; when present, pretraining ends with a probe; absent (null) by default
 */
public record Recipe(String name, long seed, String device, DataSpec data, MethodSpec method, ViewsSpec augment,
        ModelSpec model,
        LossSpec loss, OptimizerSpec optimizer, TrainSpec train, ProbeSpec eval) {
    /**
     * Validates the name and the device, drops the sections the method does not read (a recipe file
     * that writes one is refused earlier, by {@link RecipeLoader}, with its line), requires those it
     * does, and checks the method's contract against the model, the loss and the views.
     */
    public Recipe {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SelfsupException.of("name", "", "1-64 letters, digits, '.', '_' or '-'", "'" + name + "'", null);
        }
        device = DeviceSpec.parse(device).name();
        Set<RecipeSection> reads = method.reads();
        augment = (ViewsSpec) required(reads, RecipeSection.AUGMENT, augment, method);
        loss = (LossSpec) required(reads, RecipeSection.LOSS, loss, method);
        optimizer = (OptimizerSpec) required(reads, RecipeSection.OPTIMIZER, optimizer, method);
        method.validate(loss, augment == null ? 0 : augment.viewCount());
        method.checkModel(model);
    }

    private static Object required(Set<RecipeSection> reads, RecipeSection section, Object value, MethodSpec method) {
        if (!reads.contains(section)) {
            return null;
        }
        if (value == null) {
            throw SelfsupException.of(section.key(), "", "given for method '" + MethodSpec.name(method) + "'", "false",
                    "remove '" + section.key() + ": false' to use the defaults");
        }
        return value;
    }

    /**
     * Builds the recipe's method for a network, with the views and the loss it reads ({@code null} for
     * those it does not).
     *
     * @param net the initialised online network
     * @param seeds the run's seeds
     * @param root the model's manager
     * @param inputShape a sample input shape {@code (1, C, H, W)}
     * @return the step function
     */
    public StepFunction buildMethod(HypersphereNetwork net, SeedTree seeds, NDManager root, Shape inputShape) {
        return method.build(net, augment == null ? null : augment.build(), loss == null ? null : loss.build(), seeds, root,
                inputShape);
    }

    /** @return the normalisation applied to images at inference (probe, embed, export), if any */
    public Optional<Normalize> inference() {
        return augment == null ? Optional.empty() : augment.inference();
    }

    /**
     * @param name the run name
     * @return every section at its defaults
     */
    public static Recipe defaults(String name) {
        return new Recipe(name, 0, "auto", DataSpec.defaults(), ContrastiveMethodSpec.defaults(), ViewsSpec.defaults(), ModelSpec.defaults(),
                InfoNceSpec.defaults(), OptimizerSpec.defaults(), TrainSpec.defaults(), null);
    }

    /**
     * Fills in what the recipe leaves to the data: a {@code normalize} step without mean and std gets
     * the pretraining split's per-channel statistics, rounded to 4 decimals.
     *
     * @param splits the loaded data
     * @return this recipe, or a copy with the statistics written in
     */
    public Recipe withDataStatistics(org.selfsup4j.data.Splits splits) {
        if (augment == null || !augment.needsStatistics()) {
            return this;
        }
        org.selfsup4j.data.ChannelStats s = splits.stats(data.pretrainSplit()).rounded();
        return new Recipe(name, seed, device, data, method, augment.withStatistics(s.mean(), s.std()), model, loss,
                optimizer, train, eval);
    }

    /** @return the parsed device */
    public DeviceSpec deviceSpec() {
        return DeviceSpec.parse(device);
    }
}
