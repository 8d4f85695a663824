package dev.sslplane.localstack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.localstack.StackLauncher;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.LocalTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack started as the README says ({@code deploy/run-local.sh}, build skipped because Maven just built
 * it) on free ports and its own data directory, with the demo instance {@value #DEMO_ID}; plus the plain API
 * tokens it made and a small HTTP client for what the browser test checks behind the page's back.
 */
final class RunningStack implements AutoCloseable {

    static final String DEMO_ID = "rs-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dataDir;
    final String consoleUrl;
    final int queryPort;
    final int commandPort;
    final Map<String, String> tokens;
    private final StackLauncher launcher;
    private final String fleetToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningStack(StackLauncher launcher, String consoleUrl, Map<String, String> tokens)
            throws IOException {
        this.launcher = launcher;
        this.fleetToken = launcher.fleetToken();
        this.dataDir = launcher.dataDir();
        this.consoleUrl = consoleUrl;
        this.queryPort = launcher.port("QUERY");
        this.commandPort = launcher.port("COMMAND");
        this.tokens = tokens;
    }

    static RunningStack start() throws Exception {
        var launcher = StackLauncher.start("sslplane-console-it",
                Map.of("SSLPLANE_DEMO_NODE_PORT_BASE", String.valueOf(freePortRun(3))));
        try {
            // the console is opened from the URL the start command prints
            Matcher printed = Pattern.compile("(?m)^Console\\s+(http\\S+)").matcher(launcher.log());
            assertThat(printed.find()).as("the console URL in the start output:%n%s", launcher.log()).isTrue();
            String consoleUrl = printed.group(1);
            assertThat(consoleUrl).isEqualTo("http://localhost:" + launcher.port("QUERY") + "/console/");
            // the same files the stack made on its first start
            Map<String, String> tokens = LocalTokens.ensure(launcher.dataDir().resolve("secrets"));
            return new RunningStack(launcher, consoleUrl, tokens);
        } catch (Exception | Error e) {
            launcher.close();
            throw e;
        }
    }

    String consoleUrl() {
        return consoleUrl;
    }

    String queryApi(String path) {
        return "http://127.0.0.1:" + queryPort + "/api/v1" + path;
    }

    String commandApi(String path) {
        return "http://127.0.0.1:" + commandPort + "/api/v1" + path;
    }

    String token(String role) {
        String token = tokens.get(role);
        assertThat(token).as("token for role %s in %s", role, tokens.keySet()).isNotBlank();
        return token;
    }

    /** A call as the admin, outside the browser. */
    Answer admin(String method, String url, Object body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token("admin"))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false)
                && !response.body().isBlank()) {
            json = JSON.readTree(response.body());
        }
        return new Answer(response.statusCode(), json, response.body());
    }

    /** The demo instance's nodes as the local fleet (the hosts) reports them: name, state, replState, tlsMode, … */
    JsonNode fleetNodes() throws IOException, InterruptedException {
        HttpResponse<String> response = fleet("GET", "", "application/json", null);
        return JSON.readTree(response.body());
    }

    /** A node's mongod config file, as the host's administrator reads it. */
    String fleetConfig(String node) throws IOException, InterruptedException {
        return fleet("GET", "/" + node + "/config", "text/plain", null).body();
    }

    /** Writes a node's mongod config file, as the host's administrator would; mongod reads it at its next start. */
    void writeFleetConfig(String node, String text) throws IOException, InterruptedException {
        fleet("PUT", "/" + node + "/config", "application/json", text);
    }

    private HttpResponse<String> fleet(String method, String path, String accept, String text)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(launcher.fleetUrl() + "/api/v1/instances/" + DEMO_ID
                        + "/nodes" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + fleetToken).header("Accept", accept);
        if (text != null) {
            request.header("Content-Type", "text/plain").method(method, HttpRequest.BodyPublishers.ofString(text));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s fleet%s: %s", method, path, response.body()).isEqualTo(200);
        return response;
    }

    /** Registers a one-node instance (for instances the command service refuses to manage). */
    void registerBareInstance(String id, String engineVersion, String topology) throws Exception {
        var node = Map.of("name", "n0", "host", "127.0.0.1", "port", 27999, "role", "PRIMARY");
        Answer answer = admin("POST", commandApi("/instances"), Map.of("instanceId", id,
                "engineVersion", engineVersion, "topology", topology, "nodes", List.of(node), "collectionCount", 1));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin("GET", queryApi("/instances/" + id + "/ssl"), null).status() == 200);
    }

    String log() {
        return launcher.log();
    }

    @Override
    public void close() {
        launcher.close();
    }

    /** The first of {@code count} consecutive free ports (the demo instance's nodes listen on base, base+1, …). */
    private static int freePortRun(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = FreePorts.next();
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < count && free; i++) {
                try (var socket = new ServerSocket(base + i)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no run of " + count + " free ports found");
    }

    record Answer(int status, JsonNode body, String raw) {
        String code() {
            return body != null && body.hasNonNull("code") ? body.get("code").asText() : "";
        }
    }
}
