package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images, 28×28 grayscale,
 * 10 classes, from its four gzipped IDX files ({@code data.dataset: fashion_mnist}).
 *
 * <p>Resolution: see {@link DatasetLocator}. The official download address is
 * {@value #OFFICIAL_URL}; a downloaded file is accepted only if the SHA-256 of its decompressed
 * content equals the value below.
 */
public final class FashionMnist {
    /** The shape of one image: {@code [C, H, W] = [1, 28, 28]}. */
    public static final List<Integer> IMAGE_SHAPE = List.of(1, 28, 28);

    /** The official download address. */
    public static final String OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** SHA-256 of each file's decompressed content. */
    public static final Map<String, String> CONTENT_SHA256 = Map.of(
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** The format: {@code data.dataset: fashion_mnist}. */
    public static final LocatedIdxFormat FORMAT = new LocatedIdxFormat("fashion_mnist", "fashion-mnist", CONTENT_SHA256,
            SYSTEM_DIR, OFFICIAL_URL, CLASSES,
            "install it with 'apt-get install dataset-fashion-mnist' or set SELFSUP_DATA to a folder holding the IDX files");

    private FashionMnist() {}

    /**
     * A locator with the standard resolution order.
     *
     * @param explicit an explicit folder, or {@code null}
     * @return the locator
     */
    public static DatasetLocator locator(Path explicit) {
        return FORMAT.locator(explicit);
    }

    /**
     * Locates and reads both splits.
     *
     * @param locator where to look
     * @return the splits
     */
    public static Splits load(DatasetLocator locator) {
        return IdxDataset.read(locator.locate(), "train", "t10k", CLASSES);
    }
}
