package org.selfsup4j.autoencoders;

import org.selfsup4j.core.Checks;

/**
 * Settings of {@link ActivationSae}, the sparse autoencoder on another network's activations
 * ({@code selfsup sae}).
 *
 * @param expansion dictionary features per activation dimension (overcompleteness), default 8
 * @param l1 λ of the L1 penalty on the feature activations, default 1
 * @param epochs passes over the training activations, default 20
 * @param batchSize activations per step, default 256
 * @param lr Adam's learning rate, default 1e-3
 * @param seed the root seed (initialisation and shuffling), default 0
 */
public record SaeSpec(int expansion, double l1, int epochs, int batchSize, double lr, long seed) {
    /** Validates every field (the names are the CLI's flags). */
    public SaeSpec {
        Checks.atLeast("--expansion", expansion, 1);
        Checks.positive("--l1", l1);
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--batch-size", batchSize, 1);
        Checks.positive("--lr", lr);
    }

    /** @return 8× expansion, λ = 1, 20 epochs of batch 256 at lr 1e-3, seed 0 */
    public static SaeSpec defaults() {
        return new SaeSpec(8, 1, 20, 256, 1e-3, 0);
    }
}
