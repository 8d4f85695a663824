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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One node's directory, the stand-in for a host's files: {@code node.json} (fleet bookkeeping),
 * {@code mongod.conf}, {@code server.pem} (key + chain, owner-only), {@code ca.pem}, {@code pending-key.pem}
 * (key of the last CSR, owner-only) and {@code data.mv} (the node's H2 data). Every write goes to a temporary
 * file first and is moved into place, so a crash never leaves half a file.
 */
final class NodeFiles {

    private static final String SETTINGS = "node.json";
    static final String CONFIG = "mongod.conf";
    static final String SERVER_PEM = "server.pem";
    static final String CA = "ca.pem";
    private static final String PENDING_KEY = "pending-key.pem";
    private static final String DATA = "data.mv";

    private final Path dir;
    private final ObjectMapper mapper;

    NodeFiles(Path dir, ObjectMapper mapper) {
        this.dir = dir.toAbsolutePath().normalize();
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
                    .sorted().collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the node's directory, so a fleet restart does not bring the node back. */
    void delete() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not delete " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    String dataFile() {
        return dir.resolve(DATA).toString();
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

    /** A config mongod starts with, without TLS: no net.ssl or net.tls section means disabled. */
    void writeInitialConfig(NodeSettings settings) {
        write(CONFIG, "# written by the local fleet when the node was created; no net.ssl/net.tls = TLS disabled\n"
                + "net:\n  port: " + settings.port() + "\n  bindIp: " + settings.host() + "\n"
                + "replication:\n  replSetName: " + settings.replicaSet() + "\n"
                + "storage:\n  dbPath: " + dir + "\n", false);
    }

    Path writeConfig(String text) {
        return write(CONFIG, text, false);
    }

    Optional<String> config() {
        return read(CONFIG);
    }

    void writePendingKey(String pem) {
        write(PENDING_KEY, pem, true);
    }

    Optional<String> pendingKey() {
        return read(PENDING_KEY);
    }

    void dropPendingKey() {
        try {
            Files.deleteIfExists(dir.resolve(PENDING_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> serverPem() {
        return read(SERVER_PEM);
    }

    Path writeServerPem(String keyAndChainPem) {
        return write(SERVER_PEM, keyAndChainPem, true);
    }

    Path writeCa(String pem) {
        return write(CA, pem, false);
    }

    private Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String content, boolean secret) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            if (secret) {
                restrict(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Path target = dir.resolve(name);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
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
