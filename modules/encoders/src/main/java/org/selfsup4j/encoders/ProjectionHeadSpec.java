package org.selfsup4j.encoders;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * An MLP head built from its layer count: {@code layers − 1} hidden layers {@code Linear(hidden) →
 * [BatchNorm] → ReLU}, then {@code Linear(out)} and an optional output BatchNorm. Input
 * {@code (N, in)}, output {@code (N, out)}. The common heads:
 * <ul>
 *   <li>SimCLR (Chen et al., ICML 2020; default): layers 2, BatchNorm — {@code Linear-BN-ReLU-Linear};</li>
 *   <li>MoCo v2 (Chen et al. 2020): layers 2, no BatchNorm — {@code Linear-ReLU-Linear};</li>
 *   <li>SimCLR v2: layers 3 with BatchNorm; BYOL's projector and predictor: layers 2 with BatchNorm;
 *       SimSiam's projector adds {@code output_batch_norm};</li>
 *   <li>a linear head: layers 1.</li>
 * </ul>
 * Linear layers followed by BatchNorm have no bias. Parameters: {@code Σ (in_i·out_i + bias) + 4·width}
 * per BatchNorm (γ, β and two running statistics).
 *
 * @param hidden the hidden width, default 256
 * @param out the output dimension, default 128
 * @param batchNorm whether hidden layers have BatchNorm (default true)
 * @param layers the number of Linear layers, 1 to 8, default 2
 * @param outputBatchNorm whether the output has BatchNorm too (default false)
 */
@SpecType(value = "projection", doc = "MLP head: (layers-1) x Linear-[BN]-ReLU, then Linear(out) [+BN]")
public record ProjectionHeadSpec(int hidden, int out, boolean batchNorm, int layers, boolean outputBatchNorm)
        implements HeadSpec {
    /** Validates the widths. */
    public ProjectionHeadSpec {
        Checks.atLeast("hidden", hidden, 1);
        Checks.atLeast("out", out, 1);
        Checks.atLeast("layers", layers, 1);
        Checks.require(layers <= 8, "layers", "", "<= 8", layers);
    }

    /**
     * A 2-layer head (SimCLR with BatchNorm, MoCo v2 without).
     *
     * @param hidden the hidden width
     * @param out the output dimension
     * @param batchNorm whether the hidden layer has BatchNorm
     */
    public ProjectionHeadSpec(int hidden, int out, boolean batchNorm) {
        this(hidden, out, batchNorm, 2, false);
    }

    /** @return SimCLR's head: hidden 256, out 128, BatchNorm, 2 layers */
    public static ProjectionHeadSpec defaults() {
        return new ProjectionHeadSpec(256, 128, true);
    }

    @Override
    public Block build() {
        SequentialBlock head = new SequentialBlock();
        for (int i = 0; i < layers - 1; i++) {
            Layers.linearBnRelu(head, hidden, batchNorm);
        }
        head.add(Linear.builder().setUnits(out).optBias(!outputBatchNorm).build());
        if (outputBatchNorm) {
            head.add(BatchNorm.builder().build());
        }
        return head;
    }

    @Override
    public int outDim() {
        return out;
    }
}
