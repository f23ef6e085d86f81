package org.selfsup4j.encoders;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * A multilayer perceptron backbone on flattened pixels: {@code flatten → [Linear(w_i) → BatchNorm →
 * ReLU]} for each width. Input {@code (N, C, H, W)} (its size fixed at initialisation), output
 * {@code (N, w_last)}. Parameters: {@code Σ_i (w_{i−1}·w_i + 4·w_i)} with BatchNorm (no bias, γ, β and
 * two running statistics), {@code Σ_i (w_{i−1} + 1)·w_i} without; {@code w_0 = C·H·W}.
 *
 * @param widths the hidden widths, 1 to 8 layers, default {@code [512, 256]}
 * @param batchNorm whether each layer has BatchNorm (default true)
 */
@SpecType(value = "mlp", doc = "multilayer perceptron on flattened pixels: Linear-BN-ReLU layers")
public record MlpEncoderSpec(List<Integer> widths, boolean batchNorm) implements EncoderSpec {
    /** Validates the widths. */
    public MlpEncoderSpec {
        widths = List.copyOf(widths);
        if (widths.isEmpty() || widths.size() > 8) {
            throw SelfsupException.of("widths", "", "a list of 1 to 8 widths", widths, null);
        }
        for (int w : widths) {
            Checks.atLeast("widths", w, 1);
        }
    }

    /** @return widths [512, 256] with BatchNorm */
    public static MlpEncoderSpec defaults() {
        return new MlpEncoderSpec(List.of(512, 256), true);
    }

    @Override
    public Block build() {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int w : widths) {
            Layers.linearBnRelu(net, w, batchNorm);
        }
        return net;
    }

    @Override
    public int featureDim() {
        return widths.get(widths.size() - 1);
    }
}
