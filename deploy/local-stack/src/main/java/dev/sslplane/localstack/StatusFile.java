package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data dir>/status.json}: the launcher rewrites it on every change of a child, {@code run-local.sh status}
 * (another process) reads it. Written to a temporary file and moved over the old one, so a reader sees the previous
 * or the new status, never half of one.
 */
final class StatusFile {

    static final String NAME = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    StatusFile(Path file) {
        this.file = file;
    }

    static StatusFile in(Path dataDir) {
        return new StatusFile(dataDir.resolve(NAME));
    }

    Path path() {
        return file;
    }

    void write(StackStatus status) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), NAME, ".tmp");
        try {
            JSON.writeValue(temp.toFile(), toJson(status));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The last status written, or empty if no launcher ever wrote one here. */
    Optional<StackStatus> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(file.toFile());
        List<ChildStatus> children = new ArrayList<>();
        for (JsonNode child : root.path("children")) {
            children.add(new ChildStatus(child.path("name").asText(), ChildState.valueOf(child.path("state").asText()),
                    child.path("pid").asLong(), instant(child.path("since")), child.path("restarts").asInt(),
                    Path.of(child.path("log").asText())));
        }
        return Optional.of(new StackStatus(root.path("launcherPid").asLong(), instant(root.path("launcherStarted")),
                instant(root.path("updated")), children));
    }

    private static ObjectNode toJson(StackStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("launcherPid", status.launcherPid());
        root.put("launcherStarted", text(status.launcherStarted()));
        root.put("updated", text(status.updated()));
        ArrayNode children = root.putArray("children");
        for (ChildStatus child : status.children()) {
            children.addObject()
                    .put("name", child.name())
                    .put("state", child.state().name())
                    .put("pid", child.pid())
                    .put("since", text(child.since()))
                    .put("restarts", child.restarts())
                    .put("log", child.logFile().toString());
        }
        return root;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
