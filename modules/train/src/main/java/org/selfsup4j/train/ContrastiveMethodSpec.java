package org.selfsup4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.losses.MemoryBank;
import org.selfsup4j.losses.MochiMixer;

/**
 * Recipe spec of {@link ContrastiveMethod}: SimCLR by default; MoCo v2 with a {@code memory_bank};
 * MoCHi with {@code mochi} on top of the bank. Random batches without replacement.
 *
 * @param memoryBank the bank and momentum encoder, or null (default: in-batch negatives only)
 * @param mochi the hard-negative mixer, or null (default); needs a memory bank
 */
@SpecType(value = "contrastive", doc = "self-supervised: SimCLR; MoCo v2 with memory_bank; MoCHi with mochi")
public record ContrastiveMethodSpec(MemoryBankSpec memoryBank, MochiMixer mochi) implements MethodSpec {
    /** Validates that MoCHi has a bank to mix from. */
    public ContrastiveMethodSpec {
        if (mochi != null && memoryBank == null) {
            throw SelfsupException.of("mochi", "", "used with a memory_bank", "no memory_bank",
                    "add method.memory_bank: {size: 4096}");
        }
    }

    /** @return SimCLR: no bank, no mixing */
    public static ContrastiveMethodSpec defaults() {
        return new ContrastiveMethodSpec(null, null);
    }

    @Override
    public void validate(LossSpec loss, int views) {
        if (views < 2) {
            throw SelfsupException.of("augment.views", "", ">= 2 for contrastive pretraining", views, null);
        }
        if (memoryBank != null && !loss.acceptsMemoryBank()) {
            SpecType type = loss.getClass().getAnnotation(SpecType.class);
            throw SelfsupException.of("method.memory_bank", "", "used with loss info_nce or supcon",
                    "loss '" + (type == null ? loss.getClass().getSimpleName() : type.value()) + "'",
                    "remove method.memory_bank or change the loss");
        }
    }


    @Override
    public StepFunction build(HypersphereNetwork net, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            Shape inputShape) {
        if (memoryBank == null) {
            return new ContrastiveMethod(net.projector(), views, loss, seeds, root);
        }
        MomentumEncoder keys = new MomentumEncoder(net, root, inputShape, memoryBank.momentum());
        MemoryBank bank = new MemoryBank(root, memoryBank.size(), net.spec().head().outDim());
        return new ContrastiveMethod(net.projector(), views, loss, seeds, root, keys, bank, mochi);
    }
}
