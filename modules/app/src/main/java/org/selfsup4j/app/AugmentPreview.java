package org.selfsup4j.app;

import java.util.ArrayList;
import org.selfsup4j.recipe.Recipe;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.selfsup4j.augment.Augmentation;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.augment.PreviewGrid;
import org.selfsup4j.augment.ViewGroup;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.data.ImageSet;

/**
 * The views a recipe makes, as a PNG grid ({@code selfsup augment-preview}, and
 * {@code augment-preview.png} in every run directory): the first {@code images} training images in
 * rows, the original and each view in columns (labelled {@code original}, {@code view 1}, …, under a
 * title naming the recipe and its seed), drawn with the recipe's seed and the streams of step 0. A view
 * whose pipeline ends with {@link Normalize} is shown un-normalised. A method that reads no
 * {@code augment} section (PCA, k-means) shows the originals alone.
 */
public final class AugmentPreview {
    /** The file name in a run directory. */
    public static final String FILE = "augment-preview.png";

    /** The most rows a preview draws. */
    public static final int MAX_IMAGES = 64;

    private AugmentPreview() {}

    /**
     * @param recipe the recipe (its {@code augment} section and seed)
     * @param train the training images
     * @param images the number of rows, 1 to {@link #MAX_IMAGES} and at most the training set's size
     * @param manager where the arrays live (its device is used)
     * @return the PNG file's bytes
     */
    public static byte[] png(Recipe recipe, ImageSet train, int images, NDManager manager) {
        Checks.require(images >= 1 && images <= Math.min(MAX_IMAGES, train.size()), "--images", "",
                "in [1, " + Math.min(MAX_IMAGES, train.size()) + "]", images);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = firstImages(train, images, scope);
            String title = recipe.name() + ", seed " + recipe.seed();
            List<String> labels = new ArrayList<>(List.of("original"));
            if (recipe.augment() == null) {
                return PreviewGrid.png(title + " (the method reads no augment section)", labels, x, new NDList(), 4);
            }
            MultiView views = recipe.augment().build();
            NDList out = views.apply(x, new SeedTree(recipe.seed()), 0);
            List<ViewGroup> groups = recipe.augment().resolvedGroups();
            NDList shown = new NDList(out.size());
            int v = 0;
            for (ViewGroup g : groups) {
                List<Augmentation> p = g.pipeline();
                for (int k = 0; k < g.count(); k++, v++) {
                    boolean normalized = !p.isEmpty() && p.get(p.size() - 1) instanceof Normalize;
                    shown.add(normalized ? ((Normalize) p.get(p.size() - 1)).invert(out.get(v)) : out.get(v));
                    labels.add("view " + (v + 1));
                }
            }
            return PreviewGrid.png(title, labels, x, shown, 4);
        }
    }

    /**
     * @param train the training images
     * @param images how many, at most the set's size
     * @param manager where the array lives
     * @return the first {@code images} images, {@code (images, C, H, W)} in [0, 1]
     */
    static NDArray firstImages(ImageSet train, int images, NDManager manager) {
        int[] idx = new int[images];
        for (int i = 0; i < images; i++) {
            idx[i] = i;
        }
        float[] buf = new float[images * train.imageSize()];
        train.fill(idx, buf);
        return manager.create(buf, new Shape(images, train.channels(), train.height(), train.width()));
    }
}
