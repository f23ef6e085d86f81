package org.selfsup4j.app;

import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.recipe.Recipe;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.train.Checkpoints;
import org.selfsup4j.train.StepFunction;

/**
 * A complete run opened for use after training (probing, export): its directory, its resolved recipe
 * and its final checkpoint, checked to exist before anything is computed.
 *
 * @param dir the run directory
 * @param recipe the resolved recipe it was trained with
 * @param finalParams its final checkpoint
 */
public record FinishedRun(RunDirectory dir, Recipe recipe, Path finalParams) {
    /**
     * @param runDir a run directory
     * @return the run, if it is complete and has a final checkpoint
     */
    public static FinishedRun open(Path runDir) {
        RunDirectory run = RunDirectory.openComplete(runDir);
        Recipe recipe = RecipeLoader.load(run.resolve("resolved-recipe.yaml"), List.of());
        Path params = run.resolve(Checkpoints.DIR).resolve(Checkpoints.FINAL);
        if (!Files.isRegularFile(params)) {
            throw SelfsupException.of(params.toString(), "final checkpoint", "present", "no such file", null);
        }
        return new FinishedRun(run, recipe, params);
    }

    /**
     * @param manager the manager the parameters live in (its device is used)
     * @param inputShape a sample input shape {@code (1, C, H, W)}
     * @return the network with the final checkpoint's parameters
     */
    public HypersphereNetwork network(NDManager manager, Shape inputShape) {
        HypersphereNetwork net = new HypersphereNetwork(recipe.model());
        net.initialize(manager, inputShape, 0);
        Checkpoints.load(finalParams, net, manager);
        return net;
    }

    /**
     * @param net the network returned by {@link #network}
     * @param manager the manager of its parameters
     * @param inputShape {@code (1, C, H, W)}
     * @return the recipe's method, built for {@code net}, with its own blocks loaded from the final checkpoint
     */
    public StepFunction method(HypersphereNetwork net, NDManager manager, Shape inputShape) {
        StepFunction method = recipe.buildMethod(net, new SeedTree(recipe.seed()), manager, inputShape);
        Checkpoints.loadWithMethod(finalParams, net, method, manager);
        return method;
    }
}
