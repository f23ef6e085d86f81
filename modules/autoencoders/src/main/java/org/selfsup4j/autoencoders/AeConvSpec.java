package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.EncoderSpec;

/**
 * A convolutional autoencoder encoder ({@link CodeEncoder}): for each width {@code c_i} a
 * {@code conv3×3(c_i, stride 2, pad 1) → s} stage (each halves the image side), a flatten, then the
 * code layer {@code h = s_code(W h + b)} of dimension q. The image side must be divisible by
 * {@code 2^stages} (28 with the default two stages: 28² → 14² → 7²). The decoder mirrors it with
 * 2× upsampling and {@code 3×3} convolutions ({@link CodeDecoder}).
 *
 * @param channels the stage widths, 1 to 4 stages, default {@code [32, 64]}
 * @param code q, the code dimension, default 64
 * @param activation the stages' activation, default relu
 * @param codeActivation the code's activation, default identity
 */
@SpecType(value = "ae_conv", doc = "autoencoder encoder: stride-2 conv stages, then a dense code layer")
public record AeConvSpec(List<Integer> channels, int code, String activation, String codeActivation)
        implements EncoderSpec {
    /** Validates every field. */
    public AeConvSpec {
        channels = List.copyOf(channels);
        if (channels.isEmpty() || channels.size() > 4) {
            throw SelfsupException.of("channels", "", "a list of 1 to 4 widths", channels, null);
        }
        for (int c : channels) {
            Checks.atLeast("channels", c, 1);
        }
        Checks.atLeast("code", code, 1);
        CodeActivation.parse("activation", activation);
        CodeActivation.parse("code_activation", codeActivation);
    }

    /** @return stages [32, 64] with ReLU and a linear 64-d code */
    public static AeConvSpec defaults() {
        return new AeConvSpec(List.of(32, 64), 64, "relu", "identity");
    }

    /** @return the factor each image side shrinks by, {@code 2^stages} */
    public int reduction() {
        return 1 << channels.size();
    }

    @Override
    public Block build() {
        CodeActivation act = CodeActivation.parse("activation", activation);
        SequentialBlock trunk = new SequentialBlock();
        for (int c : channels) {
            trunk.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(c).build());
            trunk.add(new LambdaBlock(in -> new NDList(act.apply(in.singletonOrThrow())), "activation"));
        }
        trunk.add(Blocks.batchFlattenBlock());
        return new CodeEncoder(trunk, List.of(), code, act, CodeActivation.parse("code_activation", codeActivation));
    }

    @Override
    public int featureDim() {
        return code;
    }
}
