package dev.sslplane.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runtime classpath of this module as Maven wrote it, for starting child JVMs from tests. */
final class ModuleClasspath {

    static String get() {
        try {
            String deps = Files.readString(Path.of("target", "classpath.txt")).trim();
            return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException("run the build's generate-resources phase first", e);
        }
    }

    private ModuleClasspath() {
    }
}
