package org.selfsup4j.train;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.ImageSet;

/**
 * A method fitted on the whole training set at once instead of by gradient steps (PCA by an eigen
 * decomposition, k-means by Lloyd iterations). {@code selfsup pretrain} calls {@link #fit} in place of
 * the training loop, then writes {@code checkpoints/final.params} as for any run; the recipe's
 * {@code optimizer} and {@code train} sections (other than {@code batch_size}) are not used.
 */
public interface ClosedFormFit {
    /**
     * Fits the network's (and the method's own blocks') parameters in place.
     *
     * @param train the training images
     * @param root the model's manager (and device)
     * @param seeds the run's seeds
     * @param log where each iteration is logged as a {@code fit} event
     * @param progress where a line per phase goes
     * @return the number of iterations done
     */
    long fit(ImageSet train, NDManager root, SeedTree seeds, MetricsLog log, PrintStream progress);
}
