package org.selfsup4j.encoders;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** Layer patterns the backbones and heads share. */
final class Layers {
    private Layers() {}

    /**
     * Appends {@code Linear(units) → [BatchNorm] → ReLU}; the Linear has no bias when BatchNorm follows.
     *
     * @param net the block to extend
     * @param units the width
     * @param batchNorm whether BatchNorm follows the Linear
     * @return {@code net}
     */
    static SequentialBlock linearBnRelu(SequentialBlock net, int units, boolean batchNorm) {
        net.add(Linear.builder().setUnits(units).optBias(!batchNorm).build());
        if (batchNorm) {
            net.add(BatchNorm.builder().build());
        }
        return net.add(Activation.reluBlock());
    }
}
