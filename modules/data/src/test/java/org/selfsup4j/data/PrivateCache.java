package org.selfsup4j.data;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the decoded cache ({@code selfsup4j.cache}) at a fresh temporary folder before a test class runs,
 * so tests never write into the user's cache and each class starts empty.
 */
final class PrivateCache implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        var dir = Files.createTempDirectory("selfsup4j-test-cache");
        dir.toFile().deleteOnExit();
        System.setProperty("selfsup4j.cache", dir.toString());
    }
}
