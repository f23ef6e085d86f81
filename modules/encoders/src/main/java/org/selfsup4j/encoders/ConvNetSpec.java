package org.selfsup4j.encoders;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * A small ConvNet backbone: for each width {@code c_i} a stage {@code conv3×3(c_i, pad 1) → BatchNorm →
 * ReLU}, followed by a 2×2 max-pool except after the last stage; then global average pooling.
 * Input {@code (N, C, H, W)} of any channel count and size ≥ 2^(stages−1); output {@code (N, c_last)}.
 *
 * <p>Default widths {@code [32, 64, 128]}: on 28×28 inputs the stages see 28², 14², 7².
 *
 * @param channels the stage widths, 1 to 8 stages
 * @param batchNorm whether each convolution is followed by BatchNorm (default true)
 */
@SpecType(value = "convnet", doc = "small ConvNet: conv3x3-BN-ReLU stages with 2x2 max-pool, global average pool")
public record ConvNetSpec(List<Integer> channels, boolean batchNorm) implements EncoderSpec {
    /** Validates the widths. */
    public ConvNetSpec {
        channels = List.copyOf(channels);
        if (channels.isEmpty() || channels.size() > 8) {
            throw SelfsupException.of("channels", "", "a list of 1 to 8 widths", channels, null);
        }
        for (int c : channels) {
            Checks.atLeast("channels", c, 1);
        }
    }

    /** @return widths [32, 64, 128] with BatchNorm */
    public static ConvNetSpec defaults() {
        return new ConvNetSpec(List.of(32, 64, 128), true);
    }

    @Override
    public Block build() {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < channels.size(); i++) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(channels.get(i)).optBias(!batchNorm).build());
            if (batchNorm) {
                net.add(BatchNorm.builder().build());
            }
            net.add(Activation.reluBlock());
            if (i < channels.size() - 1) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        return net;
    }

    @Override
    public int featureDim() {
        return channels.get(channels.size() - 1);
    }
}
