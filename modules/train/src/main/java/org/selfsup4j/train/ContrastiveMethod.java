package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;

/**
 * Contrastive self-supervised learning (SimCLR, Chen et al., ICML 2020) as a thin assembly: V views
 * of each of the N images ({@link MultiView}), one forward pass of the projector on the stacked
 * {@code (V·N, C, H, W)} views giving unit vectors {@code z}, and the loss on {@code z} with the
 * instance ids tiled across views as labels ({@code [0..N−1, 0..N−1, …]}) — so any loss that takes
 * labels (InfoNCE, SupCon, tuple losses) plugs in unchanged (DESIGN.md principle 3).
 */
public final class ContrastiveMethod implements StepFunction {
    private final Block projector;
    private final MultiView views;
    private final Loss loss;
    private final SeedTree seeds;
    private final ParameterStore store;
    private final StagingBuffer staging = new StagingBuffer();

    /**
     * @param projector images → unit vectors (encoder, head, L2)
     * @param views the view maker
     * @param loss the loss on {@code (z, ids)}
     * @param seeds the run's seeds (augmentation streams)
     * @param root the model's manager
     */
    public ContrastiveMethod(Block projector, MultiView views, Loss loss, SeedTree seeds, NDManager root) {
        this.projector = projector;
        this.views = views;
        this.loss = loss;
        this.seeds = seeds;
        this.store = new ParameterStore(root, false);
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        int n = batch.size();
        NDArray images = staging.upload(scope, batch.images(), new Shape(n, batch.channels(), batch.height(), batch.width()));
        NDList v = views.apply(images, seeds, step);
        NDArray stacked = NDArrays.concat(v, 0);
        NDArray z = projector.forward(store, new NDList(stacked), true).singletonOrThrow();
        NDArray ids = scope.arange(0, n, 1, ai.djl.ndarray.types.DataType.INT32).tile(views.views());
        return loss.evaluate(new NDList(ids), new NDList(z));
    }
}
