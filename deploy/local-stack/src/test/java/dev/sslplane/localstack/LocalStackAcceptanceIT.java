package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product's whole procedure against the stack started exactly as the README says ({@code deploy/run-local.sh},
 * here with the build skipped because Maven just built it), through the public APIs only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackAcceptanceIT {

    private static final String ID = "rs-acceptance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(4);

    private Path dataDir;
    private Map<String, String> env;
    private StackSettings settings;
    private Process stack;
    private Path stackLog;
    private ChildProcess replacementWorker;
    private final StackClient api = new StackClient(Map.of());
    private List<JsonNode> nodes;
    private String firstCaPem;

    @BeforeAll
    void startTheStackAsTheReadmeSays() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        dataDir = Files.createTempDirectory("sslplane-acceptance");
        env = new LinkedHashMap<>();
        env.put("SSLPLANE_SKIP_BUILD", "true");
        env.put("SSLPLANE_ROOT", root.toString());
        env.put("SSLPLANE_DATA_DIR", dataDir.toString());
        for (String port : List.of("KAFKA", "KAFKA_CONTROLLER", "MONGO", "FLEET", "COMMAND", "QUERY", "WORKER")) {
            env.put("SSLPLANE_" + port + "_PORT", String.valueOf(freePort()));
        }
        env.put("SSLPLANE_DEMO_INSTANCE", "false");
        // a killed worker's lease must expire within the test's patience
        env.put("WORKER_LEASE", "6s");
        env.put("WORKER_LEASE_RENEW_INTERVAL", "2s");
        env.put("WORKER_POLL_INTERVAL", "1s");
        settings = StackSettings.from(env);

        stackLog = dataDir.resolve("run-local.log");
        var builder = new ProcessBuilder("bash", "deploy/run-local.sh")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(stackLog.toFile());
        builder.environment().putAll(env);
        stack = builder.start();
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(stack.isAlive()).as("run-local.sh is running; its output:%n%s", log()).isTrue();
            return log().contains("Started in");
        });
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (replacementWorker != null) {
            replacementWorker.stop(Duration.ofSeconds(20));
        }
        if (stack != null) {
            stack.destroy();
            if (!stack.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void registersAThreeNodeReplicaSetWithSslDisabled() throws Exception {
        var secrets = LocalSecrets.in(settings.dataDir().resolve("secrets"));
        var registered = new DemoInstance(settings, secrets).register(ID, 0);
        assertThat(registered.status()).as(registered.raw()).isIn(201, 202);

        JsonNode status = awaitStatus(s -> s.path("sslStatus").asText().equals("DISABLED"));
        assertThat(status.path("engineVersion").asText()).isEqualTo("4.2");
        nodes = new ArrayList<>();
        status.get("nodes").forEach(nodes::add);
        assertThat(nodes).hasSize(3);
        for (JsonNode node : nodes) {
            assertThat(NodeProbe.ping(host(node), port(node), null)).as("plain before SSL").isNull();
        }
    }

    @Test
    @Order(2)
    void enablesWithARollingRestartSecondariesFirstPrimaryLast() throws Exception {
        String op = accepted(command("ssl:enable"));

        var refused = command("ssl:rotate");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("OPERATION_IN_PROGRESS");

        JsonNode operation = awaitOperationEnd(op);
        assertThat(operation.path("state").asText()).isEqualTo("COMPLETED");
        assertPrimaryRestartedLast(operation);
        assertThat(status().path("sslStatus").asText()).isEqualTo("ENABLED");
    }

    @Test
    @Order(3)
    void theDownloadedCaVerifiesEveryNodeAndPlainClientsStillConnect() throws Exception {
        firstCaPem = downloadCa();
        X509Certificate ca = parse(firstCaPem);
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(fingerprint(ca)).isEqualTo(status().path("currentCa").path("sha256Fingerprint").asText());

        String otherCa = someOtherCa();
        for (JsonNode node : nodes) {
            assertThat(NodeProbe.ping(host(node), port(node), firstCaPem)).as("TLS trusting the CA").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), null)).as("plain").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), otherCa)).as("TLS trusting another CA").isNotNull();
        }
    }

    @Test
    @Order(4)
    void enablingAgainIsRefused() throws Exception {
        var again = command("ssl:enable");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("SSL_ALREADY_ENABLED");
    }

    @Test
    @Order(5)
    void aRotationSurvivesAKilledWorkerWithoutRestartingCheckpointedNodesTwice() throws Exception {
        Map<String, Integer> restartsBefore = fleetRestarts();
        String op = accepted(command("ssl:rotate"));

        // kill -9 the worker as soon as one node has finished
        JsonNode midway = awaitOperation(op, o -> o.path("nodesDone").asInt() >= 1);
        Set<String> checkpointed = restartedNodes(midway);
        long workerPid = Long.parseLong(Files.readString(dataDir.resolve("pids/restart-worker.pid")).trim());
        ProcessHandle.of(workerPid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(workerPid).isEmpty()
                || !ProcessHandle.of(workerPid).get().isAlive());

        replacementWorker = startWorkerLikeTheStackDoes();
        JsonNode operation = awaitOperationEnd(op);
        assertThat(operation.path("state").asText()).isEqualTo("COMPLETED");

        Map<String, Integer> restartsAfter = fleetRestarts();
        for (String node : restartsAfter.keySet()) {
            int restarts = restartsAfter.get(node) - restartsBefore.getOrDefault(node, 0);
            if (checkpointed.contains(node)) {
                assertThat(restarts).as("restarts of checkpointed node %s", node).isEqualTo(1);
            } else {
                assertThat(restarts).as("restarts of node %s (once, or twice if interrupted)", node).isBetween(1, 2);
            }
        }

        JsonNode history = api.get(query("/ssl/certificates")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("retiredAt").isNull()).as("newest CA is current").isTrue();
        assertThat(history.get(1).path("retiredByOperation").asText()).isEqualTo(op);

        String newCa = downloadCa();
        for (JsonNode node : nodes) {
            assertThat(NodeProbe.ping(host(node), port(node), newCa)).as("TLS trusting the new CA").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), firstCaPem)).as("TLS trusting the old CA").isNotNull();
        }
        firstCaPem = newCa;
    }

    @Test
    @Order(6)
    void disablingTurnsTlsOffAndTheCaCanNoLongerBeDownloaded() throws Exception {
        String op = accepted(command("ssl:disable"));
        assertThat(awaitOperationEnd(op).path("state").asText()).isEqualTo("COMPLETED");

        assertThat(status().path("sslStatus").asText()).isEqualTo("DISABLED");
        var download = api.get(query("/ssl/ca.pem"));
        assertThat(download.status()).isEqualTo(409);
        assertThat(download.code()).isEqualTo("SSL_NOT_ENABLED");
        for (JsonNode node : nodes) {
            assertThat(NodeProbe.ping(host(node), port(node), null)).as("plain").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), firstCaPem)).as("TLS").isNotNull();
        }
    }

    @Test
    @Order(7)
    void theAuditTrailListsEveryEventInOrderWithItsActorAndAReplayRebuildsTheSameModels() throws Exception {
        var export = api.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID);
        assertThat(export.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : export.raw().split("\n")) {
            if (!line.isBlank()) {
                entries.add(JSON.readTree(line));
            }
        }
        List<Long> sequences = entries.stream().map(e -> e.path("sequence").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < entries.size(); i++) {
            expected.add(i);
        }
        assertThat(sequences).as("every event, in order, no gap").isEqualTo(expected);
        assertThat(entries).allSatisfy(e -> assertThat(e.path("actor").asText()).isNotBlank());
        List<String> types = entries.stream().map(e -> e.path("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("InstanceRegistered");
        assertThat(types).containsSubsequence("SslEnabled", "RestartCompleted", "CertificateRotated",
                "RestartCompleted", "SslDisabled", "RestartCompleted");
        assertThat(types.stream().filter(t -> t.equals("NodeRestarted")).count()).isEqualTo(9);

        Map<String, String> before = readModels();
        var started = api.post(settings.queryUrl() + "/api/v1/admin/replay", null);
        assertThat(started.status()).as(started.raw()).isIn(200, 202);
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get(settings.queryUrl() + "/api/v1/admin/replay").body(),
                        s -> s != null && s.path("state").asText().matches("SWITCHED|FAILED"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SWITCHED");
        assertThat(done.path("digestsMatch").asBoolean()).as(done.toString()).isTrue();
        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void unsupportedVersionsAndShardedInstancesAreNotEligible() throws Exception {
        var node = Map.of("name", "n0", "host", "127.0.0.1", "port", 27999, "role", "PRIMARY");
        for (var instance : List.of(Map.of("id", "rs-old", "version", "3.6", "topology", "REPLICA_SET"),
                Map.of("id", "sh-new", "version", "4.2", "topology", "SHARDED"))) {
            var registered = api.post(settings.commandUrl() + "/api/v1/instances", Map.of(
                    "instanceId", instance.get("id"), "engineVersion", instance.get("version"),
                    "topology", instance.get("topology"), "nodes", List.of(node), "collectionCount", 1));
            assertThat(registered.ok()).as(registered.raw()).isTrue();
            var enable = api.post(settings.commandUrl() + "/api/v1/instances/" + instance.get("id")
                    + "/ssl:enable", null);
            assertThat(enable.status()).isEqualTo(422);
            assertThat(enable.code()).isEqualTo("INSTANCE_NOT_ELIGIBLE");
        }
    }

    // ---- helpers ----

    private StackClient.Response command(String action) throws IOException, InterruptedException {
        return api.post(settings.commandUrl() + "/api/v1/instances/" + ID + "/" + action, null);
    }

    private static String accepted(StackClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.body().get("operationId").asText();
    }

    private String query(String path) {
        return settings.queryUrl() + "/api/v1/instances/" + ID + path;
    }

    private JsonNode status() throws IOException, InterruptedException {
        return api.get(query("/ssl")).body();
    }

    private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var r = api.get(query("/ssl"));
                    return r.ok() ? r.body() : null;
                }, s -> s != null && condition.test(s));
    }

    private JsonNode awaitOperation(String op, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(OPERATION_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var r = api.get(query("/operations/" + op));
                    return r.ok() ? r.body() : null;
                }, o -> o != null && condition.test(o));
    }

    private JsonNode awaitOperationEnd(String op) {
        JsonNode operation = awaitOperation(op,
                o -> o.path("state").asText().equals("COMPLETED") || o.path("state").asText().equals("FAILED"));
        assertThat(operation.path("failure").isMissingNode() || operation.path("failure").isNull())
                .as("operation failed: %s", operation.path("failure")).isTrue();
        return operation;
    }

    private static void assertPrimaryRestartedLast(JsonNode operation) {
        Instant primaryStarted = null;
        Instant lastSecondaryRestarted = Instant.MIN;
        for (JsonNode node : operation.get("nodes")) {
            JsonNode step = node.get("steps").get(node.get("steps").size() - 1);
            if (node.path("role").asText().equals("PRIMARY")) {
                primaryStarted = Instant.parse(step.path("startedAt").asText());
            } else {
                Instant restarted = Instant.parse(step.path("restartedAt").asText());
                lastSecondaryRestarted = restarted.isAfter(lastSecondaryRestarted) ? restarted : lastSecondaryRestarted;
            }
        }
        assertThat(primaryStarted).as("primary restarted after every secondary").isAfterOrEqualTo(
                lastSecondaryRestarted);
    }

    private static Set<String> restartedNodes(JsonNode operation) {
        Set<String> names = new TreeSet<>();
        operation.get("nodes").forEach(n -> {
            if (n.path("state").asText().equals("RESTARTED")) {
                names.add(n.path("name").asText());
            }
        });
        return names;
    }

    private Map<String, Integer> fleetRestarts() throws IOException, InterruptedException {
        var secrets = LocalSecrets.in(settings.dataDir().resolve("secrets"));
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets.fleetToken()));
        JsonNode list = fleet.get(settings.fleetUrl() + "/api/v1/instances/" + ID + "/nodes").body();
        Map<String, Integer> restarts = new HashMap<>();
        list.forEach(n -> restarts.put(n.path("name").asText(), n.path("restartsSinceFleetStart").asInt()));
        assertThat(restarts).hasSize(3);
        return restarts;
    }

    private ChildProcess startWorkerLikeTheStackDoes() throws Exception {
        var secrets = LocalSecrets.in(settings.dataDir().resolve("secrets"));
        ServiceSpec worker = ServiceSpec.all(settings, secrets).stream()
                .filter(s -> s.name().equals("restart-worker")).findFirst().orElseThrow();
        Path jar;
        try (var files = Files.list(settings.projectRoot().resolve("restart-worker/target"))) {
            jar = files.filter(p -> p.toString().endsWith("-exec.jar")).findFirst().orElseThrow();
        }
        var workerEnv = new HashMap<>(env);
        workerEnv.putAll(worker.env());
        ChildProcess process = ChildProcess.startJava("restart-worker-2", List.of("-Xmx384m", "-jar", jar.toString()),
                List.of(), workerEnv, dataDir.resolve("logs/restart-worker-2.log"));
        Health.awaitHttpUp(process, worker.healthUrl(), Duration.ofMinutes(3));
        return process;
    }

    private String downloadCa() throws IOException, InterruptedException {
        var response = api.get(query("/ssl/ca.pem"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.raw()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
        return response.raw();
    }

    private Map<String, String> readModels() throws IOException, InterruptedException {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("status", api.get(query("/ssl")).raw());
        models.put("certificates", api.get(query("/ssl/certificates")).raw());
        models.put("audit", api.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID).raw());
        return models;
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** A real CA that did not issue the nodes' certificates: the first root of the JDK's trust store. */
    private static String someOtherCa() throws Exception {
        var cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib/security/cacerts").toFile(),
                (char[]) null);
        var alias = cacerts.aliases().nextElement();
        byte[] der = cacerts.getCertificate(alias).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    private static String host(JsonNode node) {
        return node.path("host").asText();
    }

    private static int port(JsonNode node) {
        return node.path("port").asInt();
    }

    private String log() throws IOException {
        return Files.exists(stackLog) ? Files.readString(stackLog) : "";
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
