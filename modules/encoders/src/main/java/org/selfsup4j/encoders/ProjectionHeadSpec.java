package org.selfsup4j.encoders;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * The SimCLR projection head {@code g} (Chen et al., ICML 2020): {@code Linear(hidden) → [BatchNorm] →
 * ReLU → Linear(out)}; the contrastive loss is applied to {@code g(f(x))} after L2 normalisation.
 * Input {@code (N, featureDim)}, output {@code (N, out)}.
 *
 * @param hidden the hidden width, default 256
 * @param out the output dimension, default 128
 * @param batchNorm whether the hidden layer has BatchNorm (default true)
 */
@SpecType(value = "mlp", doc = "2-layer projection head: Linear-BN-ReLU-Linear")
public record ProjectionHeadSpec(int hidden, int out, boolean batchNorm) {
    /** Validates the widths. */
    public ProjectionHeadSpec {
        Checks.atLeast("hidden", hidden, 1);
        Checks.atLeast("out", out, 1);
    }

    /** @return hidden 256, out 128, BatchNorm */
    public static ProjectionHeadSpec defaults() {
        return new ProjectionHeadSpec(256, 128, true);
    }

    /** @return a new, uninitialised block */
    public Block build() {
        SequentialBlock head = new SequentialBlock().add(Linear.builder().setUnits(hidden).optBias(!batchNorm).build());
        if (batchNorm) {
            head.add(BatchNorm.builder().build());
        }
        return head.add(Activation.reluBlock()).add(Linear.builder().setUnits(out).build());
    }
}
