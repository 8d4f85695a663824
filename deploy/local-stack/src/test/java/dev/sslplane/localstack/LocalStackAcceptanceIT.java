package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.SecretScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


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
    private StackSettings settings;
    private StackLauncher stack;
    /** One client per role: each call is made with the least role allowed to make it. */
    private StackClient viewer;
    private StackClient operator;
    private StackClient auditor;
    private StackClient admin;
    private final StackClient anonymous = new StackClient(Map.of());
    private final List<String> operations = new ArrayList<>();
    /** Every private key seen in the fleet's data directory during the run (keys are replaced by rotations). */
    private StackSecretScan secretScan;
    private List<JsonNode> nodes;
    private String firstCaPem;

    @BeforeAll
    void startTheStackAsTheReadmeSays() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SSLPLANE_DEMO_INSTANCE", "false");
        // a killed worker's lease must expire within the test's patience
        variables.put("SSLPLANE_WORKER_JOBS_LEASE", "6s");
        variables.put("SSLPLANE_WORKER_JOBS_RENEW_INTERVAL", "2s");
        variables.put("SSLPLANE_WORKER_JOBS_POLL_INTERVAL", "1s");
        // and its partitions must move to the replacement soon: the Disable after the kill needs them
        variables.put("SSLPLANE_WORKER_KAFKA_SESSION_TIMEOUT_MS", "6000");
        stack = StackLauncher.start("sslplane-acceptance", variables);
        dataDir = stack.dataDir();
        settings = stack.settings();
        secretScan = new StackSecretScan(settings);
        var secrets = secrets();
        viewer = secrets.client(Role.VIEWER);
        operator = secrets.client(Role.OPERATOR);
        auditor = secrets.client(Role.AUDITOR);
        admin = secrets.client(Role.ADMIN);
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void registersAThreeNodeReplicaSetWithSslDisabled() throws Exception {
        var registered = new DemoInstance(settings, secrets()).register(ID, 0, "4.2");
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
        assertThat(passNames(operation)).containsExactly("ALLOW_TLS", "PREFER_TLS");
        assertPrimaryRestartedLast(operation.path("passes").get(0));
        JsonNode status = status();
        assertThat(status.path("sslStatus").asText()).isEqualTo("ENABLED");
        assertThat(status.path("nodes")).allSatisfy(n -> {
            assertThat(n.path("tlsMode").asText()).as("mode read back from %s", n.path("name")).isEqualTo("PREFER");
            assertThat(n.path("trustedCas")).extracting(c -> c.path("serial").asText())
                    .containsExactly(status.path("currentCa").path("serial").asText());
        });
    }

    @Test
    @Order(3)
    void theDownloadedCaVerifiesEveryNodeAndPlainClientsStillConnect() throws Exception {
        firstCaPem = downloadCa();
        secretScan.collectFleetPrivateKeys();
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
    void aRotationSurvivesAKilledWorkerWithoutRepeatingDoneSteps() throws Exception {
        Map<String, Integer> restartsBefore = fleetRestarts();
        String op = accepted(command("ssl:rotate"));

        // once the query side has the rotation (it follows the events), the download is the bundle: it verifies
        // every member whichever certificate it presents
        await().atMost(OPERATION_TIMEOUT).until(() -> op.equals(status().path("operation").path("operationId").asText()));
        String bundle = downloadCa();
        assertThat(certificateCount(bundle)).as("new CA + previous CA").isEqualTo(2);

        // kill -9 the worker as soon as one step has finished: the launcher starts it again, which finishes the job
        awaitOperation(op, o -> o.path("stepsDone").asInt() >= 1);
        long workerPid = pid("restart-worker");
        ProcessHandle.of(workerPid).orElseThrow().destroyForcibly();
        awaitRestartedByTheLauncher("restart-worker", workerPid, settings.workerUrl());

        JsonNode operation = awaitOperationEnd(op);
        assertThat(operation.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(passNames(operation)).containsExactly("CA_BUNDLE", "NEW_CERTIFICATES", "NEW_CA_ONLY");

        // three passes restart every node three times; only the step the kill interrupted may run twice
        Map<String, Integer> restartsAfter = fleetRestarts();
        int repeated = 0;
        for (String node : restartsAfter.keySet()) {
            int restarts = restartsAfter.get(node) - restartsBefore.getOrDefault(node, 0);
            assertThat(restarts).as("restarts of node %s", node).isBetween(3, 4);
            repeated += restarts - 3;
        }
        assertThat(repeated).as("steps restarted twice").isLessThanOrEqualTo(1);

        secretScan.collectFleetPrivateKeys();
        JsonNode history = viewer.get(query("/ssl/certificates")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("retiredAt").isNull()).as("newest CA is current").isTrue();
        assertThat(history.get(1).path("retiredByOperation").asText()).isEqualTo(op);

        String newCa = downloadCa();
        assertThat(certificateCount(newCa)).as("the new CA alone once the rotation completed").isEqualTo(1);
        for (JsonNode node : nodes) {
            assertThat(NodeProbe.ping(host(node), port(node), newCa)).as("TLS trusting the new CA").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), bundle)).as("TLS trusting the bundle").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), firstCaPem)).as("TLS trusting the old CA").isNotNull();
        }
        firstCaPem = newCa;
    }

    @Test
    @Order(6)
    void disablingTurnsTlsOffAndTheCaCanNoLongerBeDownloaded() throws Exception {
        String op = accepted(command("ssl:disable"));
        JsonNode operation = awaitOperationEnd(op);
        assertThat(operation.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(passNames(operation)).containsExactly("DOWN_TO_ALLOW_TLS", "TLS_DISABLED");

        assertThat(status().path("sslStatus").asText()).isEqualTo("DISABLED");
        var download = viewer.get(query("/ssl/ca.pem"));
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
        var export = auditor.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID);
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
        // commands are recorded under the authenticated caller, the operator's token
        assertThat(entries.stream().filter(e -> e.path("type").asText().matches("InstanceRegistered|SslEnabled"
                + "|CertificateRotated|SslDisabled")).map(e -> e.path("actor").asText()))
                .hasSize(4).containsOnly("token:local-operator");
        List<String> types = entries.stream().map(e -> e.path("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("InstanceRegistered");
        assertThat(types).containsSubsequence("SslEnabled", "RestartCompleted", "CertificateRotated",
                "RestartCompleted", "SslDisabled", "RestartCompleted");
        // a step per pass and node: Enable 2 passes, Rotate 3, Disable 2, three nodes each
        assertThat(types.stream().filter(t -> t.equals("NodeRestarted")).count()).isEqualTo(21);

        Map<String, String> before = readModels();
        var started = admin.post(settings.queryUrl() + "/api/v1/admin/replay", null);
        assertThat(started.status()).as(started.raw()).isIn(200, 202);
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.get(settings.queryUrl() + "/api/v1/admin/replay").body(),
                        s -> s != null && s.path("state").asText().matches("SWITCHED|FAILED"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SWITCHED");
        assertThat(done.path("digestsMatch").asBoolean()).as(done.toString()).isTrue();
        assertThat(readModels()).isEqualTo(before);
    }

    /**
     * The other two engines, side by side, through the public APIs: 3.4 with TLS enforced from the start (and so
     * a Disable of three passes), 4.0 with a rotation that waits for clients until it is finished.
     */
    @Test
    @Order(8)
    void everyEngineGoesThroughEnableRotateAndDisable() throws Exception {
        var engine34 = java.util.concurrent.CompletableFuture.runAsync(() -> unchecked(() -> enforcedProcedure("rs-34")));
        var engine40 = java.util.concurrent.CompletableFuture.runAsync(() -> unchecked(() -> heldRotation("rs-40")));
        java.util.concurrent.CompletableFuture.allOf(engine34, engine40).get(12, TimeUnit.MINUTES);
    }

    private void enforcedProcedure(String id) throws Exception {
        List<JsonNode> members = registerOn(id, "3.4");
        JsonNode enabled = completed(id, commandOn(id, "ssl:enable", Map.of("requireTls", true)));
        assertThat(passNames(enabled)).containsExactly("ALLOW_TLS", "PREFER_TLS", "REQUIRE_TLS");
        String ca = viewer.get(queryOn(id, "/ssl/ca.pem")).raw();
        for (JsonNode node : members) {
            assertThat(NodeProbe.ping(host(node), port(node), ca)).as("3.4 over TLS").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), null)).as("3.4 plain under requireSSL").isNotNull();
        }
        assertThat(passNames(completed(id, commandOn(id, "ssl:rotate", null))))
                .containsExactly("CA_BUNDLE", "NEW_CERTIFICATES", "NEW_CA_ONLY");
        assertThat(passNames(completed(id, commandOn(id, "ssl:disable", null))))
                .containsExactly("DOWN_TO_PREFER_TLS", "DOWN_TO_ALLOW_TLS", "TLS_DISABLED");
        for (JsonNode node : members) {
            assertThat(NodeProbe.ping(host(node), port(node), null)).as("3.4 plain after Disable").isNull();
        }
    }

    private void heldRotation(String id) throws Exception {
        List<JsonNode> members = registerOn(id, "4.0");
        completed(id, commandOn(id, "ssl:enable", null));
        String oldCa = viewer.get(queryOn(id, "/ssl/ca.pem")).raw();
        abortedRotationRolledBack(id, members, oldCa);

        String op = acceptedOn(commandOn(id, "ssl:rotate", Map.of("holdOldCa", true)));
        JsonNode waiting = awaitOperationOn(id, op, o -> o.path("state").asText().matches("WAITING_FOR_CLIENTS|FAILED"));
        assertThat(waiting.path("state").asText()).as(waiting.toString()).isEqualTo("WAITING_FOR_CLIENTS");
        var refused = commandOn(id, "ssl:disable", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("ROTATION_AWAITING_CLIENTS");
        var bundle = viewer.get(queryOn(id, "/ssl/ca-bundle.pem"));
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(certificateCount(bundle.raw())).isEqualTo(2);
        for (JsonNode node : members) {
            assertThat(NodeProbe.ping(host(node), port(node), bundle.raw())).as("4.0 with the bundle").isNull();
        }

        var finish = operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/operations/" + op
                + ":finish-rotation", null);
        assertThat(finish.status()).as(finish.raw()).isEqualTo(202);
        JsonNode rotated = awaitOperationOn(id, op, o -> o.path("state").asText().matches("COMPLETED|FAILED"));
        assertThat(rotated.path("state").asText()).as(rotated.toString()).isEqualTo("COMPLETED");
        String newCa = viewer.get(queryOn(id, "/ssl/ca.pem")).raw();
        for (JsonNode node : members) {
            assertThat(NodeProbe.ping(host(node), port(node), newCa)).as("4.0 with the new CA").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), oldCa)).as("4.0 with the old CA").isNotNull();
        }
        completed(id, commandOn(id, "ssl:disable", null));
    }

    /**
     * A rotation aborted after some of its steps, then rolled back: once aborted, every node trusts and presents what
     * the operation says it left (read back from the node's files and by TLS handshakes trusting one CA at a time);
     * once rolled back, the CA before alone, and the instance takes operations again.
     */
    private void abortedRotationRolledBack(String id, List<JsonNode> members, String oldCa) throws Exception {
        String op = acceptedOn(commandOn(id, "ssl:rotate", null));
        awaitOperationOn(id, op, o -> o.path("stepsDone").asInt() >= 2);
        String newCa = otherCa(viewer.get(queryOn(id, "/ssl/ca-bundle.pem")).raw(), oldCa);
        var abort = operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/operations/" + op
                + ":abort", null);
        assertThat(abort.status()).as(abort.raw()).isEqualTo(202);
        JsonNode aborted = awaitOperationOn(id, op, o -> o.path("state").asText().matches("ABORTED|COMPLETED|FAILED"));
        assertThat(aborted.path("state").asText()).as(aborted.toString()).isEqualTo("ABORTED");
        assertThat(aborted.path("abort").path("rollbackRequired").asBoolean()).as(aborted.toString()).isTrue();
        Map<String, String> pems = Map.of(serial(oldCa), oldCa, serial(newCa), newCa);
        JsonNode left = aborted.path("abort").path("nodes");
        assertThat(left).hasSize(members.size());
        for (JsonNode state : left) {
            JsonNode node = memberNamed(members, state.path("node").asText());
            assertThat(trustedSerials(id, state.path("node").asText())).as("CA file of %s", state)
                    .containsExactlyInAnyOrderElementsOf(texts(state.path("trustedCaSerials")));
            String issuer = state.path("certificateCaSerial").asText();
            for (var ca : pems.entrySet()) {
                String answer = NodeProbe.ping(host(node), port(node), ca.getValue());
                assertThat(answer == null).as("%s verified trusting %s alone: %s", state, ca.getKey(), answer)
                        .isEqualTo(ca.getKey().equals(issuer));
            }
        }
        assertThat(commandOn(id, "ssl:disable", null).code()).isEqualTo("ROLLBACK_REQUIRED");

        var rollback = operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/operations/" + op
                + ":rollback", null);
        assertThat(rollback.status()).as(rollback.raw()).isEqualTo(202);
        JsonNode rolledBack = awaitOperationOn(id, rollback.body().path("operationId").asText(),
                o -> o.path("state").asText().matches("COMPLETED|FAILED|ABORTED"));
        assertThat(rolledBack.path("state").asText()).as(rolledBack.toString()).isEqualTo("COMPLETED");
        assertThat(rolledBack.path("kind").asText()).isEqualTo("ROLLBACK");
        for (JsonNode node : members) {
            assertThat(trustedSerials(id, node.path("name").asText())).containsExactly(serial(oldCa));
            assertThat(NodeProbe.ping(host(node), port(node), oldCa)).as("the CA before verifies it").isNull();
            assertThat(NodeProbe.ping(host(node), port(node), newCa)).as("the aborted CA does not").isNotNull();
        }
        assertThat(serial(viewer.get(queryOn(id, "/ssl/ca.pem")).raw())).isEqualTo(serial(oldCa));
    }

    private List<String> trustedSerials(String id, String node) throws Exception {
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets().fleetToken()));
        JsonNode status = fleet.get(settings.fleetUrl() + "/api/v1/instances/" + id + "/nodes/" + node).body();
        return texts(status.path("trustedCas").findValues("serial"));
    }

    private static List<String> texts(Iterable<JsonNode> values) {
        var texts = new java.util.ArrayList<String>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static JsonNode memberNamed(List<JsonNode> members, String name) {
        return members.stream().filter(m -> m.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    /** The CA of a two-CA bundle that is not {@code known}. */
    private static String otherCa(String bundle, String known) throws Exception {
        String knownSerial = serial(known);
        for (String part : bundle.split("(?=-----BEGIN CERTIFICATE-----)")) {
            if (part.contains("BEGIN CERTIFICATE") && !serial(part).equals(knownSerial)) {
                return part;
            }
        }
        throw new AssertionError("no second CA in " + bundle);
    }

    private static String serial(String pem) throws Exception {
        return parse(pem).getSerialNumber().toString(16);
    }

    /** An instance registered where nothing listens: the operation fails before touching anything. */
    @Test
    @Order(9)
    void anOperationOnAnUnreachableSetFailsItsPreFlightCheck() throws Exception {
        String id = "rs-nowhere";
        var node = Map.of("name", "n0", "host", "127.0.0.1", "port", FreePorts.next(), "role", "PRIMARY");
        var registered = operator.post(settings.commandUrl() + "/api/v1/instances", Map.of("instanceId", id,
                "engineVersion", "4.2", "topology", "REPLICA_SET", "nodes", List.of(node), "collectionCount", 1));
        assertThat(registered.ok()).as(registered.raw()).isTrue();
        String op = acceptedOn(commandOn(id, "ssl:enable", null));
        JsonNode failed = awaitOperationOn(id, op, o -> o.path("state").asText().matches("FAILED|COMPLETED"));
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").path("code").asText()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(failed.path("stepsDone").asInt()).isZero();
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets().fleetToken()));
        assertThat(fleet.get(settings.fleetUrl() + "/api/v1/instances/" + id + "/nodes").body())
                .as("no node was invented").isEmpty();
    }

    private List<JsonNode> registerOn(String id, String engine) throws Exception {
        var registered = new DemoInstance(settings, secrets()).register(id, 0, engine);
        assertThat(registered.status()).as(registered.raw()).isIn(201, 202);
        JsonNode status = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> viewer.get(queryOn(id, "/ssl")), r -> r.ok()).body();
        List<JsonNode> members = new ArrayList<>();
        status.get("nodes").forEach(members::add);
        return members;
    }

    private StackClient.Response commandOn(String id, String action, Object body)
            throws IOException, InterruptedException {
        return operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/" + action, body);
    }

    private String acceptedOn(StackClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.body().get("operationId").asText();
    }

    private JsonNode completed(String id, StackClient.Response response) {
        String op = acceptedOn(response);
        JsonNode operation = awaitOperationOn(id, op, o -> o.path("state").asText().matches("COMPLETED|FAILED"));
        assertThat(operation.path("state").asText()).as("%s: %s", id, operation.path("failure")).isEqualTo("COMPLETED");
        return operation;
    }

    private String queryOn(String id, String path) {
        return settings.queryUrl() + "/api/v1/instances/" + id + path;
    }

    private JsonNode awaitOperationOn(String id, String op, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(OPERATION_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var r = viewer.get(queryOn(id, "/operations/" + op));
                    return r.ok() ? r.body() : null;
                }, o -> o != null && condition.test(o));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void unchecked(Step step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(10)
    void unsupportedVersionsAndShardedInstancesAreNotEligible() throws Exception {
        var node = Map.of("name", "n0", "host", "127.0.0.1", "port", 27999, "role", "PRIMARY");
        for (var instance : List.of(Map.of("id", "rs-old", "version", "3.6", "topology", "REPLICA_SET"),
                Map.of("id", "sh-new", "version", "4.2", "topology", "SHARDED"))) {
            var registered = operator.post(settings.commandUrl() + "/api/v1/instances", Map.of(
                    "instanceId", instance.get("id"), "engineVersion", instance.get("version"),
                    "topology", instance.get("topology"), "nodes", List.of(node), "collectionCount", 1));
            assertThat(registered.ok()).as(registered.raw()).isTrue();
            var enable = operator.post(settings.commandUrl() + "/api/v1/instances/" + instance.get("id")
                    + "/ssl:enable", null);
            assertThat(enable.status()).isEqualTo(422);
            assertThat(enable.code()).isEqualTo("INSTANCE_NOT_ELIGIBLE");
        }
    }

    @Test
    @Order(11)
    void theStartOutputSaysWhereTheTokensAndTheConsoleAre() throws Exception {
        String output = log();
        assertThat(output).contains(secrets().apiTokensFile().toString())
                .contains("http://localhost:" + settings.queryPort() + "/console/");
        assertThat(Files.getPosixFilePermissions(secrets().apiTokensFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        var hashed = JSON.readTree(secrets().hashedApiTokensFile().toFile());
        assertThat(hashed).hasSize(Role.values().length);
        hashed.forEach(t -> assertThat(t.path("sha256").asText()).matches("[0-9a-f]{64}"));
    }

    @Test
    @Order(12)
    void everyApiNeedsATokenWithTheRightRole() throws Exception {
        String enable = settings.commandUrl() + "/api/v1/instances/" + ID + "/ssl:enable";
        assertProblem(anonymous.post(enable, null), 401, "UNAUTHENTICATED");
        assertProblem(viewer.post(enable, null), 403, "FORBIDDEN");
        assertProblem(auditor.post(enable, null), 403, "FORBIDDEN");
        assertProblem(secrets().client(Role.WORKER).post(enable, null), 403, "FORBIDDEN");
        assertProblem(anonymous.get(query("/ssl")), 401, "UNAUTHENTICATED");
        assertProblem(new StackClient(Map.of("Authorization", "Bearer sslp_made-up-token-of-nobody")).get(query("/ssl")),
                401, "UNAUTHENTICATED");
        assertProblem(viewer.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID), 403, "FORBIDDEN");
        assertProblem(operator.post(settings.queryUrl() + "/api/v1/admin/replay", null), 403, "FORBIDDEN");
        assertProblem(anonymous.get(settings.workerUrl() + "/api/v1/jobs/" + operations.get(0)), 401,
                "UNAUTHENTICATED");
        assertThat(viewer.get(settings.workerUrl() + "/api/v1/jobs/" + operations.get(0)).status()).isEqualTo(200);
        for (String service : List.of(settings.commandUrl(), settings.queryUrl(), settings.workerUrl())) {
            assertThat(anonymous.get(service + "/actuator/health").status()).as(service).isEqualTo(200);
            assertProblem(anonymous.get(service + "/actuator/prometheus"), 401, "UNAUTHENTICATED");
            assertProblem(operator.get(service + "/actuator/metrics"), 403, "FORBIDDEN");
        }
    }

    /**
     * No secret anywhere a secret must not be, after the whole procedure: the API tokens, the vault master key,
     * the fleet token and every private key the fleet held, in every log, Kafka record, MongoDB document and
     * API answer. A canary planted in each kind of place first proves the scan would see a leak there.
     */
    @Test
    @Order(13)
    void noSecretInLogsKafkaMongoDbOrApiAnswers() throws Exception {
        var scanner = secretScan.scannerOfEverySecret();
        assertThat(secretScan.privateKeysCollected()).as("private keys found in the fleet's data directory")
                .isGreaterThanOrEqualTo(6);
        List<Path> logs = new ArrayList<>();
        logs.add(stack.logFile());
        try (var files = Files.list(dataDir.resolve("logs"))) {
            files.forEach(logs::add);
        }

        var scanned = secretScan.scanWithCanary(scanner, logs);
        int answers = scanApiAnswers(scanner);

        assertThat(StackSecretScan.leaks(scanner))
                .as("secrets found (%s, %d API answers, %d secrets)", scanned, answers, scanner.secretCount())
                .isEmpty();
        assertThat(scanned.logs()).isGreaterThanOrEqualTo(7);
        assertThat(scanned.records()).isGreaterThan(50);
        assertThat(scanned.documents()).isGreaterThan(20);
    }

    /**
     * Last, because it ends the stack: a child that keeps failing is given up on at its fifth failure within a minute,
     * and the launcher then stops every other child and exits with 1, naming the child and its log. {@code status}
     * afterwards says no stack runs, and shows the child given up and the others stopped.
     */
    @Test
    @Order(14)
    void aChildThatKeepsFailingEndsTheWholeStack() throws Exception {
        // a directory where the database file was: the MongoDB-wire server dies as soon as it starts (the running
        // one keeps the file it has open until it is killed)
        Path database = dataDir.resolve("mongo/sslplane.mv");
        Files.delete(database);
        Files.createDirectory(database);
        ProcessHandle.of(pid("mongo")).orElseThrow().destroyForcibly();

        assertThat(stack.awaitExit(Duration.ofMinutes(4))).as("the launcher's exit code; its output:%n%s", log())
                .isEqualTo(1);

        Path mongoLog = dataDir.resolve("logs/mongo.log");
        assertThat(log()).contains("giving up on mongo. Its log: " + mongoLog)
                .contains("Stopping the whole stack because mongo keeps failing; see " + mongoLog)
                .contains("stopped restart-worker", "stopped query-service", "stopped command-service",
                        "stopped local-fleet", "stopped kafka");
        var status = stack.status();
        assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
        assertThat(status.output()).contains("No local stack is running: its launcher")
                .containsPattern("(?m)^mongo +given up +- +- +4 ")
                .containsPattern("(?m)^restart-worker +stopped +- +- +1 ")
                .containsPattern("(?m)^query-service +stopped +- +- +0 ");
        for (String child : List.of("kafka", "local-fleet", "command-service", "query-service", "restart-worker")) {
            long pid = pid(child);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("%s (pid %d) alive", child, pid)
                    .isNotEqualTo(java.util.Optional.of(true));
        }
    }

    /** The answers of every read endpoint, health with details, metrics; env and configprops are not there. */
    private int scanApiAnswers(SecretScanner scanner) throws Exception {
        Map<String, StackClient.Response> answers = new LinkedHashMap<>();
        String instance = settings.queryUrl() + "/api/v1/instances/" + ID;
        answers.put("instances", viewer.get(settings.queryUrl() + "/api/v1/instances"));
        answers.put("status", viewer.get(instance + "/ssl"));
        answers.put("certificates", viewer.get(instance + "/ssl/certificates"));
        answers.put("ca.pem", viewer.get(instance + "/ssl/ca.pem"));
        for (String op : operations) {
            answers.put("operation " + op, viewer.get(instance + "/operations/" + op));
            answers.put("worker job " + op, viewer.get(settings.workerUrl() + "/api/v1/jobs/" + op));
        }
        answers.put("audit page", auditor.get(settings.queryUrl() + "/api/v1/audit?instanceId=" + ID));
        answers.put("audit export", auditor.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID));
        answers.put("replay", admin.get(settings.queryUrl() + "/api/v1/admin/replay"));
        answers.put("digests", admin.get(settings.queryUrl() + "/api/v1/admin/digests"));
        answers.put("republish", admin.get(settings.commandUrl() + "/api/v1/admin/republish"));
        answers.put("console config", anonymous.get(settings.queryUrl() + "/api/v1/console/config"));
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets().fleetToken()));
        answers.put("fleet nodes", fleet.get(settings.fleetUrl() + "/api/v1/instances/" + ID + "/nodes"));
        Map<String, String> services = Map.of("command", settings.commandUrl(), "query", settings.queryUrl(),
                "worker", settings.workerUrl());
        for (var service : services.entrySet()) {
            String base = service.getValue() + "/actuator";
            answers.put(service.getKey() + " health", admin.get(base + "/health"));
            answers.put(service.getKey() + " metrics", admin.get(base + "/metrics"));
            answers.put(service.getKey() + " prometheus", admin.get(base + "/prometheus"));
            for (String hidden : List.of("/env", "/configprops")) {
                assertThat(admin.get(base + hidden).status()).as(service.getKey() + hidden).isEqualTo(404);
            }
        }
        answers.forEach((what, answer) -> {
            if (!what.equals("console config") && !what.equals("ca.pem")) {
                assertThat(answer.status()).as(what + ": " + answer.raw()).isEqualTo(200);
            }
            scanner.scan("api " + what, answer.raw());
        });
        for (String service : services.keySet()) {
            assertThat(answers.get(service + " prometheus").raw()).as(service).contains("# TYPE");
        }
        return answers.size();
    }

    private static void assertProblem(StackClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.code()).as(response.raw()).isEqualTo(code);
    }

    private LocalSecrets secrets() throws IOException {
        return LocalSecrets.in(settings.dataDir().resolve("secrets"));
    }

    // ---- helpers ----

    private StackClient.Response command(String action) throws IOException, InterruptedException {
        return operator.post(settings.commandUrl() + "/api/v1/instances/" + ID + "/" + action, null);
    }

    private String accepted(StackClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        String operationId = response.body().get("operationId").asText();
        operations.add(operationId);
        return operationId;
    }

    private String query(String path) {
        return settings.queryUrl() + "/api/v1/instances/" + ID + path;
    }

    private JsonNode status() throws IOException, InterruptedException {
        return viewer.get(query("/ssl")).body();
    }

    private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var r = viewer.get(query("/ssl"));
                    return r.ok() ? r.body() : null;
                }, s -> s != null && condition.test(s));
    }

    private JsonNode awaitOperation(String op, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(OPERATION_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var r = viewer.get(query("/operations/" + op));
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

    /** In a restart pass the step of the node that was primary when it began starts after every other ended. */
    private static void assertPrimaryRestartedLast(JsonNode pass) {
        assertThat(pass.path("action").asText()).isEqualTo("RESTART");
        Instant primaryStarted = null;
        Instant lastOtherFinished = Instant.MIN;
        for (JsonNode step : pass.get("steps")) {
            if (step.path("role").asText().equals("PRIMARY")) {
                assertThat(primaryStarted).as("one step of a primary").isNull();
                primaryStarted = Instant.parse(step.path("startedAt").asText());
            } else {
                Instant finished = Instant.parse(step.path("finishedAt").asText());
                lastOtherFinished = finished.isAfter(lastOtherFinished) ? finished : lastOtherFinished;
            }
        }
        assertThat(primaryStarted).as("primary restarted after every other member").isAfterOrEqualTo(
                lastOtherFinished);
    }

    private static List<String> passNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("passes").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static int certificateCount(String pem) {
        return pem.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
    }

    private Map<String, Integer> fleetRestarts() throws IOException, InterruptedException {
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets().fleetToken()));
        JsonNode list = fleet.get(settings.fleetUrl() + "/api/v1/instances/" + ID + "/nodes").body();
        Map<String, Integer> restarts = new HashMap<>();
        list.forEach(n -> restarts.put(n.path("name").asText(), n.path("restartsSinceFleetStart").asInt()));
        assertThat(restarts).hasSize(3);
        return restarts;
    }

    private long pid(String child) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("pids/" + child + ".pid")).trim());
    }

    /**
     * The launcher starts a killed child again: {@code run-local.sh status} shows it running with one restart and
     * another pid, it answers its health check, and the launcher's output said what happened and where the log is.
     */
    private void awaitRestartedByTheLauncher(String child, long killedPid, String url) throws Exception {
        Pattern row = Pattern.compile("(?m)^" + child + " +running +(\\d+) +\\S+ +1 +");
        String status = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> stack.status().output(), output -> row.matcher(output).find());
        Matcher running = row.matcher(status);
        assertThat(running.find()).isTrue();
        long pid = Long.parseLong(running.group(1));
        assertThat(pid).as("the restarted %s's pid", child).isNotEqualTo(killedPid).isEqualTo(pid(child));
        assertThat(status).startsWith("Local stack running: launcher pid ");

        var health = anonymous.get(url + "/actuator/health");
        assertThat(health.status()).as(health.raw()).isEqualTo(200);
        assertThat(health.raw()).contains("\"UP\"");
        String restarted = "✓ " + child + " is running again (restart 1, pid " + pid + ")";
        await().atMost(Duration.ofSeconds(10)).until(() -> log().contains(restarted));
        assertThat(log()).contains("⚠ " + child + " exited unexpectedly (exit code 137, signal 9); restart 1 in 1.0 s."
                + " Its log: " + dataDir.resolve("logs/" + child + ".log"));
    }

    private String downloadCa() throws IOException, InterruptedException {
        var response = viewer.get(query("/ssl/ca.pem"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.raw()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
        return response.raw();
    }

    private Map<String, String> readModels() throws IOException, InterruptedException {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("status", viewer.get(query("/ssl")).raw());
        models.put("certificates", viewer.get(query("/ssl/certificates")).raw());
        models.put("audit", auditor.get(settings.queryUrl() + "/api/v1/audit/export?instanceId=" + ID).raw());
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

    private String log() {
        return stack.log();
    }

}
