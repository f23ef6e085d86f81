package org.selfsup4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code data} section. Options a dataset's format does not read
 * ({@link DatasetFormat#options()}) must keep their defaults, so a recipe never sets something that is
 * silently ignored.
 *
 * @param dataset the dataset format's name ({@link Datasets}), default {@code fashion_mnist}
 * @param path an explicit folder holding the files, or empty to resolve it (for {@code fashion_mnist}
 *     and {@code mnist}: see {@link DatasetLocator}); required by the other formats
 * @param limit pretrain on only the first {@code limit} images of the pretraining split, default 0 (all)
 * @param pretrainSplit the split pretraining reads: {@code train} (default) or {@code unlabeled}
 *     (STL-10's 100,000 unlabelled images); probes always fit on {@code train} and score on {@code test}
 * @param label {@code cifar100}'s label: {@code fine} (100 classes, default) or {@code coarse} (20)
 * @param imageSize {@code image_folder}: resize the shorter side to this and centre-crop a square, 0
 *     (default) to keep the images' own size (then they must all have one size)
 * @param channels {@code image_folder}: 1 (luma, ITU-R BT.601) or 3 (RGB, default)
 * @param testFraction {@code image_folder} without {@code train/} and {@code test/} folders: the share
 *     of each class held out as the test split, default 0.2 (0 for an unlabelled folder)
 * @param splitSeed the seed of that stratified split, default 0
 * @param onBadImage {@code image_folder}: {@code skip} (default; counted and reported) or {@code fail}
 *     on an image that cannot be decoded
 */
public record DataSpec(String dataset, String path, int limit, String pretrainSplit, String label, int imageSize,
        int channels, double testFraction, long splitSeed, String onBadImage) {
    private static final DataSpec DEFAULTS = new DataSpec("fashion_mnist", "", 0, "train", "fine", 0, 3, 0.2, 0, "skip");

    /** Validates every field, and that the format reads each option set away from its default. */
    public DataSpec {
        DatasetFormat format = Datasets.format(dataset);
        path = path == null ? "" : path;
        Checks.atLeast("limit", limit, 0);
        Checks.oneOf("pretrain_split", pretrainSplit, List.of("train", "unlabeled"));
        Checks.oneOf("label", label, List.of("fine", "coarse"));
        Checks.atLeast("image_size", imageSize, 0);
        if (channels != 1 && channels != 3) {
            throw SelfsupException.of("channels", "", "1 or 3", channels, null);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw SelfsupException.of("test_fraction", "", "in [0, 1)", testFraction, null);
        }
        Checks.oneOf("on_bad_image", onBadImage, List.of("skip", "fail"));
        if (DEFAULTS != null) { // null only while DEFAULTS itself is being built
            checkRead(format, new Object[] {label, imageSize, channels, testFraction, splitSeed, onBadImage});
        }
    }

    private static void checkRead(DatasetFormat format, Object[] values) {
        String[] keys = {"label", "image_size", "channels", "test_fraction", "split_seed", "on_bad_image"};
        Object[] defaults = {DEFAULTS.label, DEFAULTS.imageSize, DEFAULTS.channels, DEFAULTS.testFraction,
                DEFAULTS.splitSeed, DEFAULTS.onBadImage};
        Set<String> read = format.options();
        for (int i = 0; i < keys.length; i++) {
            if (!read.contains(keys[i]) && !values[i].equals(defaults[i])) {
                List<String> reads = new ArrayList<>(read);
                reads.sort(null);
                throw SelfsupException.of(keys[i], "", "left at its default " + defaults[i] + " for dataset "
                        + format.name() + (reads.isEmpty() ? " (it reads none of the decode options)"
                        : " (it reads " + String.join(", ", reads) + ")"), values[i], null);
            }
        }
    }

    /** @return Fashion-MNIST, resolved automatically, every training image */
    public static DataSpec defaults() {
        return DEFAULTS;
    }

    /**
     * @param name a format's name
     * @param folder the folder its files are in
     * @return the defaults with that dataset and path
     */
    public static DataSpec of(String name, String folder) {
        return DEFAULTS.with(name, folder);
    }

    /**
     * @param name another format's name
     * @param folder another path
     * @return this spec with that dataset and path
     */
    public DataSpec with(String name, String folder) {
        return new DataSpec(name, folder, limit, pretrainSplit, label, imageSize, channels, testFraction, splitSeed,
                onBadImage);
    }

    /**
     * @param inner a sub-folder the files may sit in (as unpacked from the publisher's archive), or empty
     * @return {@code path} as a folder, or its {@code inner} sub-folder when that exists
     * @throws SelfsupException when {@code path} is empty or not a folder
     */
    public java.nio.file.Path folder(String inner) {
        if (path.isEmpty()) {
            throw SelfsupException.of("data.path", "", "the folder holding the " + dataset + " files", "none given", null);
        }
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (!java.nio.file.Files.isDirectory(p)) {
            throw SelfsupException.of(path, "data.path", "a folder", java.nio.file.Files.exists(p) ? "not a folder"
                    : "no such folder", null);
        }
        java.nio.file.Path in = p.resolve(inner);
        return !inner.isEmpty() && java.nio.file.Files.isDirectory(in) ? in : p;
    }

    /** @return this spec with the options only pretraining reads ({@code limit}, {@code pretrain_split}) at their defaults */
    public DataSpec probeData() {
        return new DataSpec(dataset, path, 0, "train", label, imageSize, channels, testFraction, splitSeed, onBadImage);
    }

    /** @return the splits, read by the dataset's format from {@code path} or from where the format looks */
    public Splits load() {
        return Datasets.format(dataset).load(this);
    }

    /**
     * @param splits the loaded splits
     * @return the images pretraining reads: the {@link #pretrainSplit} split, cut to {@link #limit}
     */
    public ImageSet pretrainImages(Splits splits) {
        ImageSet set = splits.split(pretrainSplit);
        return limit == 0 ? set : set.limit(limit);
    }
}
