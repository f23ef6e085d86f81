package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.selfsup4j.core.Hashing;
import org.selfsup4j.core.SelfsupException;

/**
 * A dataset's splits with where they came from: {@code train} and {@code test} (labelled, or for an
 * unlabelled image folder a {@code train} without labels and no {@code test}), and optionally
 * {@code unlabeled} (STL-10's extra images), with the files' hashes and a content fingerprint for
 * {@code provenance.json}.
 *
 * @param train the training images (labels used only by probes and supervised methods)
 * @param test the test images, or {@code null} for an unlabelled dataset
 * @param unlabeled extra unlabelled images, or {@code null}
 * @param dir the folder the files were read from
 * @param fileSha256 file name → SHA-256 of the file as stored (empty for an image folder)
 * @param classNames the name of each label, {@code train.numClasses()} of them
 * @param fingerprint a SHA-256 identifying the content: of the file hashes, or of the decoded pixels
 *     and labels for a decoded dataset
 * @param skipped files passed over while reading (hidden files, non-images, corrupt images), by reason
 * @param stats per-channel statistics already known (stored with a decoded dataset), by split name;
 *     {@link #stats(String)} computes the others
 */
public record Splits(ImageSet train, ImageSet test, ImageSet unlabeled, Path dir, Map<String, String> fileSha256,
        List<String> classNames, String fingerprint, Map<String, Integer> skipped, Map<String, ChannelStats> stats) {
    /** Checks that there is a name for every class and that train and test agree. */
    public Splits {
        classNames = List.copyOf(classNames);
        fileSha256 = Map.copyOf(fileSha256);
        skipped = Map.copyOf(skipped);
        stats = Map.copyOf(stats);
        if (classNames.size() != train.numClasses()) {
            throw new IllegalArgumentException("a name per class (" + train.numClasses() + "), found " + classNames.size());
        }
        for (ImageSet other : new ImageSet[] {test, unlabeled}) {
            if (other != null && (other.channels() != train.channels() || other.height() != train.height()
                    || other.width() != train.width())) {
                throw new IllegalArgumentException("splits of one shape");
            }
        }
    }

    /**
     * Labelled train and test splits whose fingerprint is the hash of their files' hashes.
     *
     * @param train the training images
     * @param test the test images
     * @param dir the folder
     * @param fileSha256 file name → SHA-256
     * @param classNames the class names
     */
    public Splits(ImageSet train, ImageSet test, Path dir, Map<String, String> fileSha256, List<String> classNames) {
        this(train, test, null, dir, fileSha256, classNames, fingerprintOf(fileSha256), Map.of(), Map.of());
    }

    /**
     * @param fileSha256 file name → SHA-256
     * @return the SHA-256 of the lines {@code name sha256}, sorted by name
     */
    public static String fingerprintOf(Map<String, String> fileSha256) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(fileSha256).forEach((k, v) -> s.append(k).append(' ').append(v).append('\n'));
        return Hashing.sha256(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @return the shape of one image, {@code [C, H, W]} */
    public List<Integer> imageShape() {
        return List.of(train.channels(), train.height(), train.width());
    }

    /**
     * @param name a split's name
     * @return its per-channel pixel statistics (stored, or computed now in one pass over the split)
     */
    public ChannelStats stats(String name) {
        ChannelStats known = stats.get(name);
        return known != null ? known : ChannelStats.of(split(name));
    }

    /** @return whether train (and test) carry labels */
    public boolean labelled() {
        return train.labelled() && test != null;
    }

    /** @return the names of the splits this dataset has, in order: {@code train}, then {@code test} and {@code unlabeled} when present */
    public List<String> names() {
        List<String> out = new java.util.ArrayList<>(List.of("train"));
        if (test != null) {
            out.add("test");
        }
        if (unlabeled != null) {
            out.add("unlabeled");
        }
        return out;
    }

    /**
     * @param name {@code train}, {@code test} or {@code unlabeled}
     * @return that split
     * @throws SelfsupException when the dataset has no such split
     */
    public ImageSet split(String name) {
        ImageSet s = switch (name) {
            case "train" -> train;
            case "test" -> test;
            case "unlabeled" -> unlabeled;
            default -> throw SelfsupException.of("data", "split", "train, test or unlabeled", "'" + name + "'", null);
        };
        if (s == null) {
            throw SelfsupException.of(dir.toString(), "split " + name, "present", "none in this dataset",
                    name.equals("unlabeled") ? "set data.pretrain_split: train" : "use a labelled dataset");
        }
        return s;
    }

    /**
     * @return the labelled test split
     * @throws SelfsupException when the dataset has no labels (a flat image folder)
     */
    public ImageSet labelledTest() {
        if (!labelled()) {
            throw SelfsupException.of(dir.toString(), "labels", "present (probes fit on labelled train and test "
                    + "splits)", "an unlabelled dataset", "arrange the images as root/<class>/... to probe them");
        }
        return test;
    }
}
