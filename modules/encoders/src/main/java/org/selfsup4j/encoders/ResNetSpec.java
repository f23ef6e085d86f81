package org.selfsup4j.encoders;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * ResNet-18 / ResNet-34 (He et al., CVPR 2016) with basic blocks: stages of {2, 2, 2, 2} or
 * {3, 4, 6, 3} residual units {@code relu(BN(conv3×3(relu(BN(conv3×3(x))))) + shortcut(x))}, widths
 * {@code w, 2w, 4w, 8w}, stride 2 at the first unit of stages 2–4 (the shortcut is then
 * {@code BN(conv1×1, stride 2)}), then global average pooling; output {@code (N, 8w)}.
 *
 * <p>Stem {@code small} (default, as SimCLR/solo-learn use for 32×32 and smaller images):
 * {@code conv3×3(w, stride 1) → BN → ReLU}, no max-pool, so a 28×28 input reaches the last stage at
 * 4×4. Stem {@code imagenet}: {@code conv7×7(w, stride 2, pad 3) → BN → ReLU → maxpool3×3(stride 2, pad 1)}.
 * Convolutions have no bias (BatchNorm follows each). With w = 64 ResNet-18 has 11.17 M parameters
 * (11,168,832 trainable plus running statistics for a 3-channel small stem) and ResNet-34 21.28 M.
 *
 * @param depth 18 or 34, default 18
 * @param width the first stage's width w, default 64
 * @param stem {@code small} or {@code imagenet}, default {@code small}
 */
@SpecType(value = "resnet", doc = "ResNet-18/34 with basic blocks; small (3x3, no max-pool) or imagenet stem")
public record ResNetSpec(int depth, int width, String stem) implements EncoderSpec {
    private static final List<String> STEMS = List.of("small", "imagenet");

    /** Validates depth, width and stem. */
    public ResNetSpec {
        if (depth != 18 && depth != 34) {
            throw SelfsupException.of("depth", "", "18 or 34", depth, null);
        }
        Checks.atLeast("width", width, 1);
        Checks.oneOf("stem", stem, STEMS);
    }

    /** @return ResNet-18, width 64, small stem */
    public static ResNetSpec defaults() {
        return new ResNetSpec(18, 64, "small");
    }

    @Override
    public Block build() {
        SequentialBlock net = new SequentialBlock();
        if (stem.equals("small")) {
            net.add(conv(width, 3, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        } else {
            net.add(conv(width, 7, 2)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        int[] units = depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            int w = width << stage;
            for (int u = 0; u < units[stage]; u++) {
                net.add(unit(w, stage > 0 && u == 0 ? 2 : 1, stage > 0 && u == 0));
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    @Override
    public int featureDim() {
        return width * 8;
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).optBias(false).build();
    }

    private static Block unit(int filters, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock().add(conv(filters, 3, stride)).add(BatchNorm.builder().build())
                .add(Activation.reluBlock()).add(conv(filters, 3, 1)).add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock().add(conv(filters, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new ParallelBlock(list -> new NDList(Activation.relu(list.get(0).singletonOrThrow()
                .add(list.get(1).singletonOrThrow()))), List.of(main, shortcut));
    }
}
