package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MNIST (LeCun, Bottou, Bengio, Haffner 1998): 60,000 training and 10,000 test handwritten digits,
 * 28×28 grayscale, 10 classes, from its four gzipped IDX files ({@code data.dataset: mnist}).
 *
 * <p>Resolution as {@link FashionMnist} ({@link DatasetLocator}; Debian location
 * {@code /usr/share/datasets/mnist}); the download comes from {@value #MIRROR_URL} and is accepted only
 * if each gzipped file's MD5 equals the published value below.
 */
public final class Mnist {
    /** The download address (the mirror torchvision uses; the original site refuses scripted downloads). */
    public static final String MIRROR_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** The published MD5 of each gzipped file. */
    public static final Map<String, String> GZIP_MD5 = Map.of(
            "train-images-idx3-ubyte", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte", "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte", "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte", "ec29112dd5afa0611ce80d1b7f02629c");

    /** The format: {@code data.dataset: mnist}. */
    public static final LocatedIdxFormat FORMAT = new LocatedIdxFormat("mnist", "mnist", GZIP_MD5,
            Path.of("/usr/share/datasets/mnist"), MIRROR_URL, CLASSES,
            "set data.path or SELFSUP_DATA to a folder holding MNIST's four IDX files");

    private Mnist() {}
}
