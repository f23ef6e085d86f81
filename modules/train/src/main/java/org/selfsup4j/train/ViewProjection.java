package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.StagingBuffer;

/**
 * The part every method's step shares: upload the batch through one reusable staging buffer, make
 * its V views, and run the projector once per block of consecutive same-sized views (one block
 * {@code (V·N, C, H, W)} normally; two for multi-crop, the global and the small crops, as SwAV
 * forwards each resolution separately). Projections come back in view order.
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
     * @param blocks the views stacked per size, in view order: {@code (V_b·N, C, H_b, W_b)} each
     * @param z {@code (V·N, D)} unit vectors, with gradient
     */
    record Output(NDList blocks, NDArray z) {
        /**
         * Runs another network (a momentum encoder, a target network) over the same blocks.
         *
         * @param network maps a block {@code (V_b·N, C, H_b, W_b)} to {@code (V_b·N, D)}
         * @return {@code (V·N, D)} in view order, like {@link #z}
         */
        NDArray map(UnaryOperator<NDArray> network) {
            return ViewProjection.map(blocks, network);
        }
    }

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
        NDList blocks = blocks(views.apply(images, seeds, step));
        return new Output(blocks, map(blocks, b -> projector.forward(store, new NDList(b), true).singletonOrThrow()));
    }

    /**
     * @param views the views in order
     * @return runs of consecutive views with one shape, each concatenated along the batch axis
     */
    static NDList blocks(NDList views) {
        NDList out = new NDList();
        NDList run = new NDList();
        for (NDArray v : views) {
            if (!run.isEmpty() && !run.head().getShape().equals(v.getShape())) {
                out.add(stack(run));
                run = new NDList();
            }
            run.add(v);
        }
        out.add(stack(run));
        return out;
    }

    private static NDArray map(NDList blocks, UnaryOperator<NDArray> network) {
        NDList out = new NDList(blocks.size());
        for (NDArray block : blocks) {
            out.add(network.apply(block));
        }
        return stack(out);
    }

    /** @return the arrays concatenated along the batch axis (the array itself when there is one) */
    private static NDArray stack(NDList parts) {
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
    }
}
