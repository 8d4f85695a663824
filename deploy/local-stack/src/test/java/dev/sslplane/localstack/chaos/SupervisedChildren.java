package dev.sslplane.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The stack's children as its supervisor publishes them in {@code <data dir>/status.json}. */
final class SupervisedChildren {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One child: name, state (RUNNING, RESTARTING, …), pid and restarts so far. */
    record Child(String name, String state, long pid, int restarts) {
        boolean running() {
            return "RUNNING".equals(state);
        }
    }

    private final Path statusFile;

    SupervisedChildren(Path dataDir) {
        this.statusFile = dataDir.resolve("status.json");
    }

    Child child(String name) {
        try {
            for (JsonNode child : JSON.readTree(statusFile.toFile()).path("children")) {
                if (name.equals(child.path("name").asText())) {
                    return new Child(name, child.path("state").asText(), child.path("pid").asLong(),
                            child.path("restarts").asInt());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + statusFile + ": " + e, e);
        }
        throw new IllegalStateException("no child " + name + " in " + statusFile);
    }

    /** kill -9 of a child, as a crash; returns the child as it was. */
    Child kill(String name) {
        Child child = child(name);
        ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
        return child;
    }
}
