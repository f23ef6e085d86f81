package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.selfsup4j.core.SeedTree;

/**
 * Makes several views of one batch, view {@code v} with its own pipeline and its own stream
 * {@code augment/view-v/step-S}. The views of step S depend only on the root seed and S, whatever the
 * order of calls or the thread timing, so a resumed run sees the same views.
 *
 * @param pipelines one pipeline per view (the same instance may serve several views)
 */
public record MultiView(List<Augmentation> pipelines) {
    /** Copies the list. */
    public MultiView {
        pipelines = List.copyOf(pipelines);
    }

    /** @return the number of views */
    public int views() {
        return pipelines.size();
    }

    /**
     * Makes the views of one batch.
     *
     * @param images {@code (N, C, H, W)} in [0, 1]
     * @param seeds the run's seeds
     * @param step the global step number
     * @return {@code views()} arrays of shape {@code (N, C, H, W)}
     */
    public NDList apply(NDArray images, SeedTree seeds, long step) {
        NDList out = new NDList(pipelines.size());
        for (int v = 0; v < pipelines.size(); v++) {
            out.add(pipelines.get(v).apply(images, seeds.stream("augment/view-" + v + "/step-" + step)));
        }
        return out;
    }
}
