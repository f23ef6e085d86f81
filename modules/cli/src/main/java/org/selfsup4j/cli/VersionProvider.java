package org.selfsup4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version filtered into {@code version.properties} at build time, with the engine's versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"selfsup4j " + p.getProperty("version", "unknown") + " (DJL "
                + ai.djl.engine.Engine.getDjlVersion() + ", Java " + System.getProperty("java.version") + ")"};
    }
}
