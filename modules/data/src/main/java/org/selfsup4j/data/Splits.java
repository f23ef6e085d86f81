package org.selfsup4j.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * A dataset's train and test splits, with the folder they came from and their files' hashes (for
 * {@code provenance.json}).
 *
 * @param train the training images, with labels (used only by probes and supervised methods)
 * @param test the test images, with labels
 * @param dir the folder the files were read from
 * @param fileSha256 file name → SHA-256 of the file as stored
 */
public record Splits(ImageSet train, ImageSet test, Path dir, Map<String, String> fileSha256) {}
