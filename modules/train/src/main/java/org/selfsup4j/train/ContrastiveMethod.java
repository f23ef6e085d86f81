package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.losses.ContrastiveInputs;
import org.selfsup4j.losses.MemoryBank;
import org.selfsup4j.losses.MochiMixer;

/**
 * Contrastive self-supervised learning as a thin assembly of building blocks:
 * <ul>
 *   <li>SimCLR (Chen et al., ICML 2020): V views of each of the N images ({@link MultiView}), one
 *       forward pass of the projector on the stacked {@code (V·N, C, H, W)} views giving unit vectors
 *       {@code z}, and the loss on {@code z} with the instance ids tiled across views as labels
 *       ({@code [0..N−1, 0..N−1, …]}), so any loss that takes labels (InfoNCE, SupCon, tuple losses
 *       with any miner) plugs in unchanged (DESIGN.md principle 3);
 *   <li>MoCo v2 (Chen, Fan, Girshick, He 2020) when given a {@link MomentumEncoder} and a
 *       {@link MemoryBank}: keys come from the momentum encoder, the bank's past keys are extra
 *       negatives, the step's keys are enqueued after the loss, and the EMA runs after each update;
 *       with a {@link MochiMixer}, synthetic hard negatives are added per anchor (MoCHi).
 * </ul>
 * The loss must read {@link ContrastiveInputs} when a bank is used (InfoNCE, SupCon).
 */
public final class ContrastiveMethod implements StepFunction {
    private final ViewProjection views;
    private final Loss loss;
    private final SeedTree seeds;
    private final MomentumEncoder keyEncoder;
    private final MemoryBank bank;
    private final MochiMixer mochi;

    /**
     * SimCLR.
     *
     * @param projector images → unit vectors (encoder, head, L2)
     * @param views the view maker
     * @param loss the loss on {@code (z, ids)}
     * @param seeds the run's seeds (augmentation streams)
     * @param root the model's manager
     */
    public ContrastiveMethod(Block projector, MultiView views, Loss loss, SeedTree seeds, NDManager root) {
        this(projector, views, loss, seeds, root, null, null, null);
    }

    /**
     * MoCo v2 (and MoCHi) when {@code keyEncoder} and {@code bank} are given.
     *
     * @param projector images → unit vectors
     * @param views the view maker
     * @param loss the loss, reading {@link ContrastiveInputs}
     * @param seeds the run's seeds (augmentation and mixing streams)
     * @param root the model's manager
     * @param keyEncoder the momentum encoder, or null
     * @param bank the memory bank, or null
     * @param mochi the hard-negative mixer, or null
     */
    public ContrastiveMethod(Block projector, MultiView views, Loss loss, SeedTree seeds, NDManager root,
            MomentumEncoder keyEncoder, MemoryBank bank, MochiMixer mochi) {
        this.views = new ViewProjection(projector, views, seeds, root);
        this.loss = loss;
        this.seeds = seeds;
        this.keyEncoder = keyEncoder;
        this.bank = bank;
        this.mochi = mochi;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        ViewProjection.Output out = views.forward(scope, batch, step);
        NDArray z = out.z();
        NDArray ids = scope.arange(0, batch.size(), 1, DataType.INT32).tile(views.views());
        if (keyEncoder == null) {
            return loss.evaluate(new NDList(ids), new NDList(z));
        }
        scope.tempAttachAll(keyEncoder.arrays());
        NDArray keys = out.map(keyEncoder::forward);
        ContrastiveInputs in = ContrastiveInputs.of(z, ids).keys(keys);
        if (bank.size() > 0) {
            NDArray past = bank.embeddings(scope);
            in.bank(past, bank.labels(scope));
            if (mochi != null) {
                in.extraNegatives(mochi.mix(z, past, seeds.stream("mochi/step-" + step)));
            }
        }
        NDArray value = loss.evaluate(in.labels(), in.predictions());
        bank.enqueue(keys, scope.full(new Shape(keys.getShape().get(0)), -1, DataType.INT32));
        return value;
    }

    @Override
    public void afterUpdate(long step) {
        if (keyEncoder != null) {
            keyEncoder.update();
        }
    }

    /** Saves the momentum encoder's weights and the memory bank (MoCo); SimCLR has no state. */
    @Override
    public void saveState(DataOutputStream out) throws IOException {
        if (keyEncoder != null) {
            ArrayIO.write(out, List.of(keyEncoder.arrays()));
            bank.save(out);
        }
    }

    @Override
    public void loadState(DataInputStream in, String where) throws IOException {
        if (keyEncoder != null) {
            ArrayIO.readInto(in, List.of(keyEncoder.arrays()), where, "momentum encoder");
            bank.load(in, where);
        }
    }
}
