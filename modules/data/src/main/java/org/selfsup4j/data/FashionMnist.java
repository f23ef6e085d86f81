package org.selfsup4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.SelfsupException;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images, 28×28 grayscale,
 * 10 classes, from its four gzipped IDX files.
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
    private static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private FashionMnist() {}

    /**
     * A locator with the standard resolution order.
     *
     * @param explicit an explicit folder, or {@code null}
     * @return the locator
     */
    public static DatasetLocator locator(Path explicit) {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = (cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".cache")).resolve("selfsup4j").resolve("fashion-mnist");
        boolean noDownload = System.getenv("SELFSUP_NO_DOWNLOAD") != null;
        return new DatasetLocator("fashion-mnist", FILES, CONTENT_SHA256, explicit, System.getenv("SELFSUP_DATA"),
                cache, SYSTEM_DIR, noDownload ? null : OFFICIAL_URL,
                "install it with 'apt-get install dataset-fashion-mnist' or set SELFSUP_DATA to a folder holding the IDX files");
    }

    /**
     * Locates and reads both splits.
     *
     * @param locator where to look
     * @return the splits
     */
    public static Splits load(DatasetLocator locator) {
        Path dir = locator.locate();
        ImageSet train = read(dir, "train");
        ImageSet test = read(dir, "t10k");
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String f : FILES) {
            Path p = DatasetLocator.fileIn(dir, f);
            try {
                hashes.put(p.getFileName().toString(), Hashing.sha256(p));
            } catch (IOException e) {
                throw SelfsupException.of(p.toString(), "file", "readable", e.getClass().getSimpleName(), null);
            }
        }
        return new Splits(train, test, dir, hashes, CLASSES);
    }

    /**
     * Reads one split from a folder.
     *
     * @param dir the folder
     * @param prefix {@code train} or {@code t10k}
     * @return the images with labels
     */
    public static ImageSet read(Path dir, String prefix) {
        Path imgFile = DatasetLocator.fileIn(dir, prefix + "-images-idx3-ubyte");
        Path lblFile = DatasetLocator.fileIn(dir, prefix + "-labels-idx1-ubyte");
        IdxArray images = IdxReader.read(imgFile);
        IdxArray labels = IdxReader.read(lblFile);
        if (images.dims().length != 3) {
            throw SelfsupException.of(imgFile.toString(), "image dimensions", "3 (count, height, width)",
                    images.dims().length, null);
        }
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw SelfsupException.of(lblFile.toString(), "label count", "equal to the image count " + images.count(),
                    labels.count(), "the image and label files do not belong together");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.data()[i] & 0xFF;
            if (y[i] >= CLASSES.size()) {
                throw SelfsupException.of(lblFile.toString(), "label " + i, "in [0, 9]", y[i], null);
            }
        }
        return new ImageSet(images.data(), y, 1, images.dims()[1], images.dims()[2], CLASSES.size());
    }
}
