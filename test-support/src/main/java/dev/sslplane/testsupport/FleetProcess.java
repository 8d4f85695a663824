package dev.sslplane.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.nodeclient.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;


/**
 * The fleet's runnable jar started as its own process, as in production, and its control API for tests (the
 * nodes a test registers must exist on the fleet first: the worker never creates nodes).
 */
public final class FleetProcess implements AutoCloseable {

    public final int port;
    final Path dataDir;
    public final String token;
    private final Path log;
    private Process process;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * C1 only, as the local stack runs its services: a test's process lives for minutes, too short for C2's
     * compilations to repay the CPU they take from the other processes on a two-core CI machine.
     */
    public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    private final String restartDowntime;
    private final Map<String, String> environment = new HashMap<>();

    public FleetProcess(Path dataDir, String token) throws IOException {
        this(dataDir, token, "300ms");
    }

    public FleetProcess(Path dataDir, String token, String restartDowntime) throws IOException {
        this.restartDowntime = restartDowntime;
        this.port = freePort();
        this.dataDir = dataDir;
        this.token = token;
        // with the build output (module directory), not in /tmp: kept for a failed run, gone with `clean`
        this.log = Files.createTempFile(Files.createDirectories(Path.of("target", "process-logs")), "fleet", ".log");
    }

    /** See {@link FreePorts}: a port outside the range outgoing connections take theirs from. */
    public static int freePort() {
        return FreePorts.next();
    }

    /** Further fleet settings for this process (for example shorter heartbeats), before {@link #start()}. */
    public FleetProcess withEnvironment(Map<String, String> settings) {
        environment.putAll(settings);
        return this;
    }

    public FleetProcess start() throws IOException {
        String jar = System.getProperty("local-fleet.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable fleet jar not found: " + jar + " (run mvn package first)");
        }
        var builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", QUICK_JIT, "-jar",
                jar))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SSLPLANE_FLEET_PORT", String.valueOf(port));
        builder.environment().put("SSLPLANE_FLEET_DATA_DIR", dataDir.toString());
        builder.environment().put("SSLPLANE_FLEET_TOKEN", token);
        builder.environment().put("SSLPLANE_FLEET_RESTART_DOWNTIME", restartDowntime);
        builder.environment().putAll(environment);
        process = builder.start();
        var http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("fleet exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The fleet's own log, for assertions on what it reported. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates (or leaves as it is and starts) a node at exactly its registered address, TLS disabled. */
    public JsonNode createNode(String instanceId, NodeSpec node, String engineVersion) {
        var body = JSON.createObjectNode().put("host", node.host()).put("port", node.port())
                .put("engineVersion", engineVersion).put("initialRole", node.role().name());
        body.putArray("altNames").addAll(node.altNames().stream().map(JSON.getNodeFactory()::textNode).toList());
        return call("PUT", nodePath(instanceId, node.name()), "application/json", body.toString());
    }

    public JsonNode status(String instanceId, String nodeName) {
        return call("GET", nodePath(instanceId, nodeName), null, null);
    }

    /**
     * Removes the node from its replica set ({@code replSetReconfig} without it) and deletes it: what a DBA does with
     * a dead member before its replacement joins. Answers the node's last status (or the problem).
     */
    public JsonNode remove(String instanceId, String nodeName) {
        return call("DELETE", nodePath(instanceId, nodeName), null, null);
    }

    /** {@code stop}, {@code start} or {@code restart}; answers the node's status (or the problem). */
    public JsonNode post(String instanceId, String nodeName, String action) {
        return call("POST", nodePath(instanceId, nodeName) + "/" + action, null, null);
    }

    public JsonNode putCa(String instanceId, String nodeName, String caPem) {
        return call("PUT", nodePath(instanceId, nodeName) + "/tls/ca", "application/json",
                JSON.createObjectNode().put("caPem", caPem).toString());
    }

    /** The node's mongod.conf as the fleet holds it. */
    public String config(String instanceId, String nodeName) {
        var request = HttpRequest.newBuilder(URI.create(url() + nodePath(instanceId, nodeName) + "/config"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("config of " + nodeName + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode putConfig(String instanceId, String nodeName, String text) {
        return call("PUT", nodePath(instanceId, nodeName) + "/config", "text/plain", text);
    }

    private static String nodePath(String instanceId, String nodeName) {
        return "/api/v1/instances/" + instanceId + "/nodes/" + nodeName;
    }

    /** One control-API call; a 4xx/5xx answers its problem document with {@code status} set. */
    private JsonNode call(String method, String path, String contentType, String body) {
        var request = HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400 && answer instanceof ObjectNode o) {
                o.put("status", response.statusCode());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
