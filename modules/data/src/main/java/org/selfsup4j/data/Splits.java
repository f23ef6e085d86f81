package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset's train and test splits, with the folder they came from and their files' hashes (for
 * {@code provenance.json}).
 *
 * @param train the training images, with labels (used only by probes and supervised methods)
 * @param test the test images, with labels
 * @param dir the folder the files were read from
 * @param fileSha256 file name → SHA-256 of the file as stored
 * @param classNames the name of each label, {@code numClasses} of them
 */
public record Splits(ImageSet train, ImageSet test, Path dir, Map<String, String> fileSha256, List<String> classNames) {
    /** Checks that there is a name for every class. */
    public Splits {
        classNames = List.copyOf(classNames);
        if (classNames.size() != train.numClasses()) {
            throw new IllegalArgumentException("a name per class (" + train.numClasses() + "), found " + classNames.size());
        }
    }

    /** @return the shape of one image, {@code [C, H, W]} */
    public List<Integer> imageShape() {
        return List.of(train.channels(), train.height(), train.width());
    }
}
