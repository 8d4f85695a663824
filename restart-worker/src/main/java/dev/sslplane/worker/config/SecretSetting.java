package dev.sslplane.worker.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A secret given inline or as a file (a mounted Kubernetes or compose secret); inline wins, blank is unset. */
final class SecretSetting {

    private SecretSetting() {
    }

    /** @return the inline value, else the trimmed content of {@code file} when it is a regular file; else empty */
    static Optional<String> read(String inline, String file) throws IOException {
        if (inline != null && !inline.isBlank()) {
            return Optional.of(inline);
        }
        if (file == null || file.isBlank() || !Files.isRegularFile(Path.of(file))) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(Path.of(file)).trim()).filter(content -> !content.isEmpty());
    }
}
