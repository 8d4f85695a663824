package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The product's whole procedure against a running local stack, printed as a person wants to watch it: register,
 * enable (a progress bar per node), download the CA, connect over TLS with it, rotate, disable.
 */
final class Demo {

    private final StackSettings settings;
    private final PrintStream out;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each call with the least role that may make it: viewer reads, operator commands, auditor the audit trail. */
    private StackClient viewer;
    private StackClient operator;

    Demo(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run() throws Exception {
        String id = "demo-" + LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        String base = settings.queryUrl() + "/api/v1/instances/" + id;
        var secrets = LocalSecrets.in(settings.dataDir().resolve("secrets"));
        viewer = secrets.client(Role.VIEWER);
        operator = secrets.client(Role.OPERATOR);
        out.println("sslplane demo on instance " + id + " (API tokens from " + secrets.apiTokensFile() + ")");

        title("1. Register a 3-node replica set (engine 4.2)");
        expect(new DemoInstance(settings, secrets).register(id, 0, "4.2"), "register");
        JsonNode status = awaitStatus(base, "DISABLED");
        status.get("nodes").forEach(n -> out.printf("   %-6s %-9s %s:%d%n", n.get("name").asText(),
                n.get("role").asText(), n.get("host").asText(), n.get("port").asInt()));
        JsonNode node = status.get("nodes").get(0);
        String host = node.get("host").asText();
        int port = node.get("port").asInt();
        out.println("   SSL status: " + status.get("sslStatus").asText());

        title("2. Enable SSL (allowTLS by rolling restart, secondaries first, primary last; then preferTLS at run time)");
        follow(base, command(id, "ssl:enable"));

        title("3. Download the CA certificate");
        String ca = downloadCa(base, id, "ca");

        title("4. Connect to " + host + ":" + port + " as an application would");
        report("TLS, trusting the downloaded CA", NodeProbe.ping(host, port, ca), true);
        report("plain (preferTLS keeps old clients working)", NodeProbe.ping(host, port, null), true);

        title("5. Update (rotate) the CA certificate: CA bundle, new certificates, new CA alone");
        follow(base, command(id, "ssl:rotate"));
        String rotated = downloadCa(base, id, "ca-rotated");
        report("TLS, trusting the new CA", NodeProbe.ping(host, port, rotated), true);
        report("TLS, trusting the retired CA", NodeProbe.ping(host, port, ca), false);
        JsonNode history = viewer.get(base + "/ssl/certificates").body();
        out.println("   certificate history: " + count(history) + " CAs, newest first");

        title("6. Disable SSL: down to allowTLS, then disabled");
        follow(base, command(id, "ssl:disable"));
        report("plain", NodeProbe.ping(host, port, null), true);
        report("TLS", NodeProbe.ping(host, port, rotated), false);
        var download = viewer.get(base + "/ssl/ca.pem");
        out.println("   CA download now answers " + download.status() + " " + download.code());

        title("7. Audit trail (oldest first)");
        var audit = secrets.client(Role.AUDITOR).get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + id);
        for (String line : audit.raw().split("\n")) {
            if (!line.isBlank()) {
                JsonNode entry = JSON.readTree(line);
                out.printf("   %s  %-22s %-20s %s%n", entry.path("occurredAt").asText(),
                        entry.path("type").asText(), entry.path("actor").asText(), entry.path("summary").asText());
            }
        }
        out.println();
        out.println("Done. Instance " + id + " is back to SSL Disabled.");
        return 0;
    }

    private String command(String id, String action) throws IOException, InterruptedException {
        var response = operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/" + action, null);
        expect(response, action);
        String operationId = response.body().get("operationId").asText();
        out.println("   accepted: operation " + operationId + " (HTTP " + response.status() + ")");
        return operationId;
    }

    /** Prints each step of each pass as it changes state, until the operation ends. */
    private void follow(String base, String operationId) throws IOException, InterruptedException {
        Map<String, String> shown = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            var response = viewer.get(base + "/operations/" + operationId);
            if (response.ok()) {
                JsonNode op = response.body();
                for (JsonNode pass : op.path("passes")) {
                    for (JsonNode step : pass.path("steps")) {
                        printIfChanged(shown, op, pass, step);
                    }
                }
                String state = op.get("state").asText();
                if (state.equals("COMPLETED")) {
                    out.printf("   completed in %.1f s%n", op.path("totalMillis").asLong() / 1000.0);
                    return;
                }
                if (state.equals("FAILED")) {
                    throw new StackException("operation " + operationId + " failed at "
                            + op.path("failure").path("nodeName").asText() + ": "
                            + op.path("failure").path("reason").asText());
                }
            }
            Thread.sleep(300);
        }
        throw new StackException("operation " + operationId + " did not finish within 10 minutes");
    }

    private void printIfChanged(Map<String, String> shown, JsonNode op, JsonNode pass, JsonNode step) {
        String state = step.path("state").asText();
        String key = pass.path("number").asText() + "/" + step.path("node").asText();
        if (state.equals(shown.put(key, state)) || state.equals("PENDING")) {
            return;
        }
        out.printf("   %s %d/%d  pass %d %-18s %-6s %-9s %s%s%n", bar(op), op.path("stepsDone").asInt(),
                op.path("stepsTotal").asInt(), pass.path("number").asInt(), pass.path("name").asText(),
                step.path("node").asText(), step.path("role").asText(), state.toLowerCase(), unreachable(step));
    }

    private static String bar(JsonNode op) {
        int total = Math.max(1, op.path("stepsTotal").asInt());
        int filled = op.path("stepsDone").asInt() * 20 / total;
        return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
    }

    private static String unreachable(JsonNode step) {
        return step.hasNonNull("unreachableMillis") && step.path("unreachableMillis").asLong() > 0
                ? String.format(", unreachable %.1f s", step.get("unreachableMillis").asLong() / 1000.0) : "";
    }

    private String downloadCa(String base, String id, String name) throws IOException, InterruptedException {
        var response = viewer.get(base + "/ssl/ca.pem");
        expect(response, "download CA");
        Path file = settings.dataDir().resolve("demo").resolve(id + "-" + name + ".pem");
        Files.createDirectories(file.getParent());
        Files.writeString(file, response.raw());
        JsonNode status = viewer.get(base + "/ssl").body();
        out.println("   saved " + file);
        out.println("   serial " + status.path("currentCa").path("serial").asText() + ", SHA-256 "
                + status.path("currentCa").path("sha256Fingerprint").asText());
        return response.raw();
    }

    private JsonNode awaitStatus(String base, String sslStatus) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            var response = viewer.get(base + "/ssl");
            if (response.ok() && sslStatus.equals(response.body().path("sslStatus").asText())) {
                return response.body();
            }
            Thread.sleep(250);
        }
        throw new StackException("the query service did not show " + sslStatus + " within a minute");
    }

    private void report(String what, String failure, boolean shouldConnect) {
        boolean connected = failure == null;
        String verdict = connected == shouldConnect ? "as expected" : "UNEXPECTED";
        out.printf("   %-45s %s (%s)%n", what + ":", connected ? "connected" : "refused: " + failure, verdict);
    }

    private void title(String text) {
        out.println();
        out.println(text);
    }

    private static void expect(StackClient.Response response, String what) {
        if (!response.ok()) {
            throw new StackException(what + " failed: HTTP " + response.status() + " " + response.raw());
        }
    }

    private static int count(JsonNode list) {
        return list == null ? 0 : list.isArray() ? list.size() : list.path("items").size();
    }
}
