package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;

/**
 * The part every method's step shares: upload the batch through one reusable staging buffer, make
 * its V views, and run the projector once on the stacked {@code (V·N, C, H, W)} views.
 */
final class ViewProjection {
    private final Block projector;
    private final MultiView views;
    private final SeedTree seeds;
    private final ParameterStore store;
    private final StagingBuffer staging = new StagingBuffer();

    /**
     * The stacked views and their projections.
     *
     * @param stacked {@code (V·N, C, H, W)}
     * @param z {@code (V·N, D)} unit vectors, with gradient
     */
    record Output(NDArray stacked, NDArray z) {}

    ViewProjection(Block projector, MultiView views, SeedTree seeds, NDManager root) {
        this.projector = projector;
        this.views = views;
        this.seeds = seeds;
        this.store = new ParameterStore(root, false);
    }

    int views() {
        return views.views();
    }

    Output forward(NDManager scope, Batch batch, long step) {
        NDArray images = staging.upload(scope, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        NDArray stacked = NDArrays.concat(views.apply(images, seeds, step), 0);
        return new Output(stacked, projector.forward(store, new NDList(stacked), true).singletonOrThrow());
    }
}
