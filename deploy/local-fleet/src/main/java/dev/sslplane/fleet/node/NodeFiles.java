package dev.sslplane.fleet.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One node's directory: {@code node.json}, {@code node-key.pem} (active key), {@code pending-key.pem} (key of
 * the last CSR), {@code node-cert.pem} (leaf and chain) and {@code ca.pem} (trust anchor). Every write goes
 * to a temporary file first and is moved into place, so a crash never leaves half a file.
 */
public final class NodeFiles {

    private static final String SETTINGS = "node.json";
    private static final String KEY = "node-key.pem";
    private static final String PENDING_KEY = "pending-key.pem";
    private static final String CERT = "node-cert.pem";
    private static final String CA = "ca.pem";

    private final Path dir;
    private final ObjectMapper mapper;

    NodeFiles(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
    }

    static Path dirOf(Path dataDir, String instanceId, String nodeName) {
        return dataDir.resolve("nodes").resolve(instanceId).resolve(nodeName);
    }

    /** Directories of every node that has settings on disk. */
    static List<Path> existing(Path dataDir) {
        Path nodes = dataDir.resolve("nodes");
        if (!Files.isDirectory(nodes)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(nodes, 3)) {
            return walk.filter(p -> p.getFileName().toString().equals(SETTINGS)).map(Path::getParent)
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NodeSettings readSettings() {
        try {
            return mapper.readValue(dir.resolve(SETTINGS).toFile(), NodeSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeSettings(NodeSettings settings) {
        try {
            write(SETTINGS, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(settings), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writePendingKey(String pem) {
        write(PENDING_KEY, pem, true);
    }

    Optional<String> pendingKey() {
        return read(PENDING_KEY);
    }

    Optional<String> activeKey() {
        return read(KEY);
    }

    /** Installs a certificate and its key (already checked to match) and the trust anchor, in that order. */
    void install(String keyPem, String certificateChainPem, String caPem) {
        write(KEY, keyPem, true);
        write(CERT, certificateChainPem, false);
        write(CA, caPem, false);
        try {
            Files.deleteIfExists(dir.resolve(PENDING_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> certificateChain() {
        return read(CERT);
    }

    Optional<String> ca() {
        return read(CA);
    }

    private Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String content, boolean secret) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            if (secret) {
                restrict(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions protect the key
        }
    }
}
