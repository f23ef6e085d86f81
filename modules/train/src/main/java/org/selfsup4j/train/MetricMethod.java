package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;

/**
 * Supervised deep metric learning (Siamese contrastive, triplet, N-pairs, SupCon) as a thin assembly:
 * V ≥ 1 augmented views of a batch (usually M-per-class, {@code data.MPerClassSampler}), one forward
 * pass of the projector on the stacked views, and the loss on {@code z} with the <em>class</em> labels
 * tiled across views — the same losses as self-supervision, with class ids instead of instance ids
 * (DESIGN.md principle 3). A batch with fewer than two classes is an error: it has no negatives.
 */
public final class MetricMethod implements StepFunction {
    private final ViewProjection views;
    private final Loss loss;

    /**
     * @param projector images → unit vectors
     * @param views the view maker (one view is allowed)
     * @param loss the loss on {@code (z, class labels)}
     * @param seeds the run's seeds
     * @param root the model's manager
     */
    public MetricMethod(Block projector, MultiView views, Loss loss, SeedTree seeds, NDManager root) {
        this.views = new ViewProjection(projector, views, seeds, root);
        this.loss = loss;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        long classes = Arrays.stream(batch.labels()).distinct().count();
        if (classes < 2) {
            throw SelfsupException.of("step " + step, "classes in the batch", ">= 2", classes,
                    "a supervised batch needs negatives: use method.samples_per_class or a larger batch");
        }
        NDArray z = views.forward(scope, batch, step).z();
        NDArray labels = scope.create(batch.labels()).tile(views.views());
        return loss.evaluate(new NDList(labels), new NDList(z));
    }
}
