package org.selfsup4j.probe;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.stats.Covariance;
import org.selfsup4j.probe.plot.ScatterPlot;

/**
 * A 2-D map of embeddings: the projection of the centred embeddings on the two leading principal axes
 * of their covariance ({@link Covariance#leading}: Commons Math, each axis signed so that its
 * largest-magnitude loading is positive), drawn as a scatter coloured by class ({@code map-pca.png}).
 */
public final class EmbeddingMap {
    /** The map's file name in a run directory. */
    public static final String FILE = "map-pca.png";

    private EmbeddingMap() {}

    /**
     * @param f embeddings (d ≥ 2)
     * @param manager where the covariance is computed
     * @return {@code (n, 2)} row-major coordinates
     */
    public static double[] pca(Features f, NDManager manager) {
        Covariance cov;
        try (NDManager scope = manager.newSubManager()) {
            cov = Covariance.of(ArrayIO.upload(scope, f.values(), new Shape(f.n(), f.dim())), "features");
        }
        double[][] axes = cov.leading(2).components();
        double[] out = new double[f.n() * 2];
        for (int i = 0; i < f.n(); i++) {
            for (int a = 0; a < 2; a++) {
                double s = 0;
                for (int j = 0; j < f.dim(); j++) {
                    s += (f.values()[i * f.dim() + j] - cov.mean()[j]) * axes[a][j];
                }
                out[i * 2 + a] = s;
            }
        }
        return out;
    }

    /**
     * @param f embeddings with labels
     * @param classNames a name per class
     * @param title the plot's title
     * @param manager where to compute
     * @return the PNG
     */
    public static byte[] png(Features f, List<String> classNames, String title, NDManager manager) {
        return new ScatterPlot(title, "PC 1", "PC 2").png(pca(f, manager), f.labels(), classNames, 760, 640);
    }
}
