package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.commandservice.pki.Certificates;
import dev.sslplane.commandservice.pki.Pem;
import dev.sslplane.commandservice.pki.TestPki;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** REST command → event store → record on ssl.events, and every refusal as a problem document. */
class RestCommandIT extends IntegrationTestBase {

    @Test
    void enableIsStoredAndPublishedWithTheExpectedEnvelope() {
        String id = newInstanceId();
        var registered = post("/api/v1/instances", registration(id));
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location"))
                .hasValue("http://query.test/api/v1/instances/" + id + "/ssl?position=0");
        assertThat(json(registered).get("position").asLong()).isZero();

        var accepted = post("/api/v1/instances/" + id + "/ssl:enable", null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String operationId = json(accepted).get("operationId").asText();
        assertThat(operationId).matches("op-[0-9a-f-]{36}");
        // the position of the write: the aggregate sequence of the event that started the operation
        assertThat(json(accepted).get("position").asLong()).isEqualTo(1L);
        assertThat(accepted.headers().firstValue("Location"))
                .hasValue("http://query.test/api/v1/instances/" + id + "/operations/" + operationId + "?position=1");
        assertThat(json(accepted).get("location").asText()).isEqualTo(accepted.headers().firstValue("Location").get());

        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");
        var stored = storedEvents(id);

        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() >= 2);
            List<ConsumerRecord<String, byte[]>> records = events.recordsWithKey(id);
            assertThat(records).hasSize(2);

            EventEnvelope first = envelope(records.get(0));
            assertThat(first.type()).isEqualTo("InstanceRegistered");
            assertThat(first.sequence()).isZero();
            assertThat(first.operationId()).isNull();

            ConsumerRecord<String, byte[]> enabledRecord = records.get(1);
            EventEnvelope enabled = envelope(enabledRecord);
            assertThat(enabled.type()).isEqualTo("SslEnabled");
            assertThat(enabled.schemaVersion()).isEqualTo(5);
            assertThat(enabled.instanceId()).isEqualTo(id);
            assertThat(enabled.sequence()).isEqualTo(1L);
            assertThat(enabled.eventId()).isEqualTo(stored.get(1).getString("eventIdentifier"));
            assertThat(enabled.actor()).isEqualTo("token:local-operator");
            assertThat(enabled.operationId()).isEqualTo(operationId);
            assertThat(enabled.occurredAt()).isNotNull();
            assertThat(KafkaTopicReader.header(enabledRecord, Headers.MESSAGE_TYPE)).isEqualTo("SslEnabled");
            assertThat(KafkaTopicReader.header(enabledRecord, Headers.ACTOR)).isEqualTo("token:local-operator");
            assertThat(KafkaTopicReader.header(enabledRecord, Headers.OPERATION_ID)).isEqualTo(operationId);

            var payload = (SslEnabledEvent) ((Decoded.Ok<Object>) codec.decodePayload(enabled)).value();
            assertThat(payload.operationId()).isEqualTo(operationId);
            assertThat(payload.nodes()).isEqualTo(nodes());
            assertThat(payload.ca().pem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(payload.ca().keyAlgorithm()).isEqualTo("EC-P256");
            assertThat(payload.engineVersion()).isEqualTo("4.2");
            assertThat(payload.requireTls()).isFalse();
            assertThat(payload.passes()).isEqualTo(Procedures.enable(false));
        }
    }

    /**
     * An Enable that chooses its CA key algorithm and lifetimes gets a CA with those properties (read from the
     * published event), and the node certificates signed in the operation have its node validity.
     */
    @Test
    void enableWithCertificateOptionsIssuesTheCaAndNodeCertificatesAsAsked() {
        String id = newInstanceId();
        register(id);
        var accepted = post("/api/v1/instances/" + id + "/ssl:enable",
                "{\"caKeyAlgorithm\":\"EC-P384\",\"caValidity\":\"P400D\",\"nodeCertificateValidity\":\"P30D\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String operationId = json(accepted).get("operationId").asText();

        SslEnabledEvent enabled;
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() >= 2);
            enabled = (SslEnabledEvent) ((Decoded.Ok<Object>) codec.decodePayload(
                    envelope(events.recordsWithKey(id).get(1)))).value();
        }
        assertThat(enabled.nodeCertificateValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(enabled.ca().keyAlgorithm()).isEqualTo("EC-P384");
        X509Certificate ca = Pem.certificate(enabled.ca().pem());
        assertThat(Certificates.keyDescription(ca.getPublicKey())).isEqualTo("EC-P384");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA384withECDSA");
        // notBefore is backdated a few minutes for nodes whose clocks run behind
        assertThat(Duration.between(Instant.now(), ca.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(400).minusMinutes(5), Duration.ofDays(400));

        var signed = post("/api/v1/instances/" + id + "/operations/" + operationId + "/nodes/n0/certificate",
                new SignCsrRequest(TestPki.csr(TestPki.ec(), "n0", TestPki.ip("10.1.0.1"))));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        X509Certificate leaf = Pem.certificate(json(signed).get("certificatePem").asText());
        assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(30).minusMinutes(5), Duration.ofDays(30));
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }

    /** An Idempotency-Key stands for the certificate options too, in canonical form. */
    @Test
    void aMemberIsReplacedOnceForAnIdempotencyKeyAndTheStatusLocationCarriesThePosition() {
        String id = newInstanceId();
        register(id);
        String body = "{\"replacement\":{\"name\":\"n3\",\"host\":\"10.1.0.4\",\"port\":27017,"
                + "\"role\":\"SECONDARY\"}}";
        Map<String, String> key = Map.of("Idempotency-Key", "replace-" + id);
        var first = post("/api/v1/instances/" + id + "/members/n2:replace", body, key);
        var repeat = post("/api/v1/instances/" + id + "/members/n2:replace", body, key);
        var otherBody = post("/api/v1/instances/" + id + "/members/n2:replace", body.replace("10.1.0.4", "10.1.0.5"),
                key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("position").asLong()).isEqualTo(1);
        assertThat(first.headers().firstValue("Location"))
                .hasValue("http://query.test/api/v1/instances/" + id + "/ssl?position=1");
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json(repeat).get("changeId")).isEqualTo(json(first).get("changeId"));
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.body()).contains("IDEMPOTENCY_KEY_REUSED");
        // the replaced member is gone: replacing it again is MEMBER_NOT_FOUND, a second PRIMARY is refused
        var again = post("/api/v1/instances/" + id + "/members/n2:replace", body.replace("n3", "n4"));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("MEMBER_NOT_FOUND");
        var primary = post("/api/v1/instances/" + id + "/members:add", "{\"member\":{\"name\":\"n5\","
                + "\"host\":\"10.1.0.6\",\"port\":27017,\"role\":\"PRIMARY\"}}");
        assertThat(primary.statusCode()).isEqualTo(422);
        assertThat(primary.body()).contains("MEMBERSHIP_INVALID", "exactly one member must be registered as PRIMARY");
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "MemberReplacedEvent");
    }

    /** Issue 19 §5: the single-node renewal over REST, its refusals as problems, and its completion. */
    @Test
    void oneMembersCertificateIsRenewedAloneAndTheOthersAreNotDriven() throws Exception {
        String id = newInstanceId();
        register(id);
        String base = "/api/v1/instances/" + id;
        assertProblem(post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n1\"]}"), 409,
                "SSL_NOT_ENABLED");
        completeRestart(id, enable(id), 2);

        var unknown = post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n7\"]}");
        assertProblem(unknown, 404, "MEMBER_NOT_FOUND");
        assertThat(unknown.body()).contains("\"members\":[\"n0\",\"n1\",\"n2\"]");
        assertProblem(post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n1\",\"n1\"]}"), 400,
                "VALIDATION_FAILED");
        Map<String, String> key = Map.of("Idempotency-Key", "renew-one-" + id);
        var renewal = post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n1\"]}", key);
        assertThat(renewal.statusCode()).as(renewal.body()).isEqualTo(202);
        assertThat(json(renewal).get("kind").asText()).isEqualTo("RENEW_NODE_CERTIFICATES");
        String renewalId = json(renewal).get("operationId").asText();
        assertThat(post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n1\"]}", key).headers()
                .firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(post(base + "/ssl:renew-node-certificates", "{\"members\":[\"n2\"]}", key).statusCode())
                .as("the key stands for the members too").isEqualTo(422);
        var stored = storedEvents(id).get(storedEvents(id).size() - 1);
        assertThat(stored.getString("payloadType")).endsWith("NodeCertificatesRenewingEvent");
        JsonNode renewing = objectMapper.readTree(stored.getString("serializedPayload"));
        assertThat(renewing.get("targets").toString()).isEqualTo("[\"n1\"]");
        assertThat(renewing.get("nodes")).as("every member, still").hasSize(3);

        var t = Instant.now();
        sendProgress(new dev.sslplane.contracts.progress.NodeRestartStartedReport(id, renewalId, "n1", t, 1,
                dev.sslplane.contracts.model.NodeRole.SECONDARY));
        sendProgress(new dev.sslplane.contracts.progress.NodeRestartedReport(id, renewalId, "n1", 1_000,
                t.plusSeconds(1), 1, null));
        sendProgress(new RestartCompletedReport(id, renewalId, 3_000, t.plusSeconds(3)));
        await().atMost(WAIT).until(() -> storedEventTypes(id).get(storedEventTypes(id).size() - 1)
                .equals("RestartCompletedEvent"));
        var next = post(base + "/ssl:renew-node-certificates", null);
        assertThat(next.statusCode()).as("the instance is free again").isEqualTo(202);
    }

    @Test
    void anIdempotencyKeyStandsForTheCertificateOptions() {
        String id = newInstanceId();
        register(id);
        Map<String, String> key = Map.of("Idempotency-Key", "opts-" + id);
        var first = post("/api/v1/instances/" + id + "/ssl:enable",
                "{\"caKeyAlgorithm\":\"EC-P256\",\"nodeCertificateValidity\":\"P30D\"}", key);
        var sameInOtherWords = post("/api/v1/instances/" + id + "/ssl:enable",
                "{\"caKeyAlgorithm\":\"EC-P256\",\"nodeCertificateValidity\":\"PT720H\",\"caValidity\":null}", key);
        var otherValidity = post("/api/v1/instances/" + id + "/ssl:enable",
                "{\"caKeyAlgorithm\":\"EC-P256\",\"nodeCertificateValidity\":\"P31D\"}", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(sameInOtherWords.statusCode()).isEqualTo(202);
        assertThat(sameInOtherWords.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(otherValidity.statusCode()).isEqualTo(422);
        assertThat(json(otherValidity).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");
    }

    @Test
    void theOperatorNamedAtRegistrationIsCheckedAndCarriedToTheWorker() {
        String id = newInstanceId();
        ObjectNode incomplete = objectMapper.valueToTree(registration(id));
        incomplete.putObject("operator").put("type", "systemd").putObject("systemd");
        var refused = post("/api/v1/instances", incomplete.toString());
        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(json(refused).get("violations")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "operator.systemd.user is missing", "operator.systemd.privateKeyFile is missing",
                "operator.systemd.knownHostsFile is missing");
        assertThat(storedEvents(id)).isEmpty();

        var operator = NodeOperatorTarget.systemd(new SystemdTarget("mongod-admin", "/etc/sslplane/id_ed25519",
                "/etc/sslplane/known_hosts", true, null, null, null, null,
                List.of(new SystemdHost("n2", "10.1.0.13", 2222, null, null, null))));
        var registered = post("/api/v1/instances",
                new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, nodes(), 120, operator));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertProblem(post("/api/v1/instances", new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, nodes(),
                120, NodeOperatorTarget.localFleet())), 409, "INSTANCE_ALREADY_REGISTERED");
        String operationId = enable(id);
        assertThat(storedEvents(id).get(1).getString("serializedPayload")).contains("\"knownHostsFile\"");

        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() >= 2);
            List<Object> published = events.recordsWithKey(id).stream()
                    .map(r -> ((Decoded.Ok<Object>) codec.decode(r.value())).value()).toList();
            assertThat(published.get(0)).isInstanceOfSatisfying(InstanceRegisteredEvent.class,
                    e -> assertThat(e.operator()).isEqualTo(operator));
            assertThat(published.get(1)).isInstanceOfSatisfying(SslEnabledEvent.class, e -> {
                assertThat(e.operationId()).isEqualTo(operationId);
                assertThat(e.operator()).isEqualTo(operator);
            });
        }
    }

    @Test
    void enableWithRequireTlsRotationThatWaitsForClientsAndTlsEnforcement() {
        String id = newInstanceId();
        register(id);
        String base = "/api/v1/instances/" + id;
        var enabled = post(base + "/ssl:enable", Map.of("requireTls", true));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);
        String enable = json(enabled).get("operationId").asText();
        assertThat(storedEvents(id).get(1).toJson()).contains("REQUIRE_TLS");
        completeRestart(id, enable, 3);
        assertProblem(post(base + "/ssl:enforce-tls", Map.of("requireTls", true)), 409, "TLS_ENFORCEMENT_UNCHANGED");

        var rotated = post(base + "/ssl:rotate", Map.of("holdOldCa", true));
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(202);
        String rotation = json(rotated).get("operationId").asText();
        assertProblem(post(base + "/operations/" + rotation + ":finish-rotation", null), 409,
                "ROTATION_NOT_AWAITING_CLIENTS");
        sendPasses(id, rotation, 1, 2);
        sendProgress(new OperationHeldReport(id, rotation, 2, Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RotationAwaitingClientsEvent"));

        for (var refused : List.of(post(base + "/ssl:enforce-tls", Map.of("requireTls", false)),
                post(base + "/ssl:disable", null), post(base + "/operations/" + rotation + ":retry", null))) {
            assertProblem(refused, 409, "ROTATION_AWAITING_CLIENTS");
            JsonNode progress = json(refused).get("progress");
            assertThat(progress.get("state").asText()).isEqualTo("WAITING_FOR_CLIENTS");
            assertThat(progress.get("passLabel").asText()).isEqualTo("pass 2/3 NEW_CERTIFICATES");
            assertThat(json(refused).get("detail").asText()).contains("waiting for clients");
        }

        var finished = post(base + "/operations/" + rotation + ":finish-rotation", null,
                Map.of("Idempotency-Key", "finish-" + rotation));
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(202);
        assertThat(json(finished).get("operationId").asText()).isEqualTo(rotation);
        assertThat(json(finished).get("kind").asText()).isEqualTo("FINISH_ROTATION");
        // the position of the RotationFinishing event, the last one stored
        long finishing = storedEventTypes(id).size() - 1;
        assertThat(json(finished).get("position").asLong()).isEqualTo(finishing);
        assertThat(finished.headers().firstValue("Location")).hasValue(
                "http://query.test/api/v1/instances/" + id + "/operations/" + rotation + "?position=" + finishing);
        var replayed = post(base + "/operations/" + rotation + ":finish-rotation", null,
                Map.of("Idempotency-Key", "finish-" + rotation));
        assertThat(replayed.statusCode()).isEqualTo(202);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(post(base + "/operations/" + rotation + ":finish-rotation", null), 409,
                "ROTATION_NOT_AWAITING_CLIENTS");
        sendPasses(id, rotation, 3, 3);
        sendProgress(new RestartCompletedReport(id, rotation, 1, Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).stream()
                .filter("RestartCompletedEvent"::equals).count() == 2);

        var relaxed = post(base + "/ssl:enforce-tls", Map.of("requireTls", false));
        assertThat(relaxed.statusCode()).as(relaxed.body()).isEqualTo(202);
        assertThat(json(relaxed).get("kind").asText()).isEqualTo("RELAX_TLS");
        assertThat(json(relaxed).get("position").asLong()).isEqualTo(storedEventTypes(id).size() - 1);
        assertThat(storedEventTypes(id)).endsWith("RotationAwaitingClientsEvent", "RotationFinishingEvent",
                "NodeRestartStartedEvent", "NodeRestartedEvent", "NodeRestartStartedEvent", "NodeRestartedEvent",
                "NodeRestartStartedEvent", "NodeRestartedEvent", "RestartCompletedEvent",
                "TlsEnforcementChangedEvent");
    }

    @Test
    void aRotationAbortedMidRollIsRolledBackAndTheInstanceIsFreeAgain() {
        String id = newInstanceId();
        register(id);
        String base = "/api/v1/instances/" + id;
        completeRestart(id, enable(id), 2);
        var rotated = post(base + "/ssl:rotate", null);
        String rotation = json(rotated).get("operationId").asText();
        sendPasses(id, rotation, 1, 1);
        await().atMost(WAIT).until(() -> storedEventTypes(id).stream().filter("NodeRestartedEvent"::equals).count()
                == 6 + 3);

        assertProblem(post(base + "/operations/op-unknown:abort", null), 404, "OPERATION_NOT_FOUND");
        var abort = post(base + "/operations/" + rotation + ":abort", null);
        assertThat(abort.statusCode()).as(abort.body()).isEqualTo(202);
        assertThat(json(abort).get("kind").asText()).isEqualTo("ABORT");
        assertThat(storedEventTypes(id)).endsWith("OperationAbortRequestedEvent");
        assertProblem(post(base + "/ssl:disable", null), 409, "OPERATION_IN_PROGRESS");

        sendProgress(new OperationStoppedReport(id, rotation, Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("OperationAbortedEvent"));
        // the worker's read-back arrives (here it read no node: each keeps its computed state, named unread)
        sendProgress(new NodeStatesObservedReport(id, rotation, List.of(), Map.of(), Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("NodeTlsStatesObservedEvent"));
        assertProblem(post(base + "/ssl:rotate", null), 409, "ROLLBACK_REQUIRED");
        assertProblem(post(base + "/operations/op-never-aborted:rollback", null), 409, "ROLLBACK_NOT_POSSIBLE");

        var rollback = post(base + "/operations/" + rotation + ":rollback", null,
                Map.of("Idempotency-Key", "rollback-" + rotation));
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(202);
        assertThat(json(rollback).get("kind").asText()).isEqualTo("ROLLBACK");
        String rollbackId = json(rollback).get("operationId").asText();
        assertThat(rollbackId).isNotEqualTo(rotation);
        assertThat(storedEvents(id).get(storedEvents(id).size() - 1).toJson())
                .contains("OperationRollingBackEvent", "PREVIOUS_CA_ONLY").doesNotContain("PREVIOUS_CA_CERTIFICATES");
        assertThat(post(base + "/operations/" + rotation + ":rollback", null,
                Map.of("Idempotency-Key", "rollback-" + rotation)).headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");

        completeRestart(id, rollbackId, 1);
        var again = post(base + "/ssl:rotate", null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    }

    @Test
    void enforceTlsNeedsItsBodyAndOptionalBodiesMustBeObjects() {
        String id = newInstanceId();
        register(id);
        String base = "/api/v1/instances/" + id;
        assertProblem(post(base + "/ssl:enforce-tls", null), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/ssl:enforce-tls", Map.of()), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/ssl:enforce-tls", "{\"requireTls\": null}"), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/ssl:enforce-tls", "{\"requireTls\": \"maybe\"}"), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/ssl:enforce-tls", Map.of("requireTls", true)), 409, "SSL_NOT_ENABLED");
        assertProblem(post(base + "/ssl:enable", "[true]"), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/ssl:rotate", "{\"holdOldCa\": {}}"), 400, "VALIDATION_FAILED");
        assertProblem(post(base + "/operations/op-1:finish-rotation", null), 404, "OPERATION_NOT_FOUND");
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent");
        // an Idempotency-Key names one request, body included
        String key = "k-" + id;
        assertThat(post(base + "/ssl:enable", Map.of("requireTls", true), Map.of("Idempotency-Key", key))
                .statusCode()).isEqualTo(202);
        assertProblem(post(base + "/ssl:enable", null, Map.of("Idempotency-Key", key)), 422,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(post(base + "/ssl:enable", "{\"requireTls\": true}", Map.of("Idempotency-Key", key))
                .headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    /**
     * Streams stored before passes existed (event schema 1): the events as they were written then, put into the
     * event store directly, still rebuild the aggregate, complete with their one pass, and the next operation
     * uses the procedures with the CA those events named.
     */
    @Test
    void eventsStoredBeforePassesExistedStillRebuildTheAggregate() throws Exception {
        String id = newInstanceId();
        register(id);
        String op = "op-v1-" + id;
        var ca = new CertificateInfo("5f3a9c", "AB:CD", "CN=v1 CA", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2036-01-01T00:00:00Z"), "RSA-2048", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        storeVersionOne(id, 1, new SslEnabledEvent(id, op, ca, nodes(), 120, null, null, null),
                "engineVersion", "requireTls", "passes");
        long sequence = 2;
        for (NodeSpec node : nodes()) {
            storeVersionOne(id, sequence++, new NodeRestartedEvent(id, op, node.name(), 1, Instant.now(), null, null),
                    "pass", "observed");
        }

        var refused = post("/api/v1/instances/" + id + "/ssl:rotate", null);
        assertProblem(refused, 409, "OPERATION_IN_PROGRESS");
        JsonNode progress = json(refused).get("progress");
        assertThat(progress.get("passes").asInt()).isEqualTo(1);
        assertThat(progress.get("stepsDone").asInt()).isEqualTo(3);

        sendProgress(new RestartCompletedReport(id, op, 1, Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RestartCompletedEvent"));
        var rotated = post("/api/v1/instances/" + id + "/ssl:rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(202);
        String rotation = json(rotated).get("operationId").asText();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).stream()
                    .anyMatch(r -> "CertificateRotated".equals(KafkaTopicReader.header(r, Headers.MESSAGE_TYPE))));
            var rotation0 = events.recordsWithKey(id).stream()
                    .map(r -> ((Decoded.Ok<Object>) codec.decode(r.value())).value())
                    .filter(CertificateRotatedEvent.class::isInstance).map(CertificateRotatedEvent.class::cast)
                    .findFirst().orElseThrow();
            assertThat(rotation0.operationId()).isEqualTo(rotation);
            assertThat(rotation0.previousCa()).isEqualTo(ca);
            assertThat(rotation0.previousSerial()).isEqualTo("5f3a9c");
            assertThat(rotation0.passes()).isEqualTo(Procedures.rotate(TlsMode.PREFER));
        }
    }

    /** Appends {@code event} to the instance's stream as schema 1 wrote it: without the {@code newFields}. */
    private void storeVersionOne(String instanceId, long sequence, Object event, String... newFields)
            throws Exception {
        ObjectNode payload = objectMapper.valueToTree(event);
        payload.remove(List.of(newFields));
        org.bson.Document registered = storedEvents(instanceId).get(0);
        org.bson.Document document = new org.bson.Document(registered);
        document.remove("_id");
        document.put("eventIdentifier", java.util.UUID.randomUUID().toString());
        document.put("sequenceNumber", sequence);
        document.put("timestamp", org.axonframework.common.DateTimeUtils.formatInstant(Instant.now()));
        document.put("payloadType", event.getClass().getName());
        document.put("serializedPayload", objectMapper.writeValueAsString(payload));
        database.getCollection("domainevents").insertOne(document);
    }

    @Test
    void refusalsAreProblemDocumentsWithStableCodes() {
        String id = newInstanceId();
        register(id);
        String operationId = enable(id);

        var again = post("/api/v1/instances/" + id + "/ssl:enable", null);
        assertProblem(again, 409, "OPERATION_IN_PROGRESS");
        JsonNode progress = json(again).get("progress");
        assertThat(progress.get("operationId").asText()).isEqualTo(operationId);
        assertThat(progress.get("state").asText()).isEqualTo("RUNNING");
        assertThat(progress.get("nodesDone").asInt()).isZero();
        assertThat(progress.get("nodesTotal").asInt()).isEqualTo(3);
        assertThat(progress.get("passLabel").asText()).isEqualTo("pass 1/2 ALLOW_TLS");
        assertThat(json(again).get("detail").asText()).contains("pass 1/2 ALLOW_TLS");
        assertProblem(post("/api/v1/instances/" + id + "/ssl:rotate", null), 409, "OPERATION_IN_PROGRESS");
        assertProblem(post("/api/v1/instances", registration(id)), 409, "INSTANCE_ALREADY_REGISTERED");
        assertProblem(post("/api/v1/instances/" + id + "/operations/op-unknown:retry", null), 404,
                "OPERATION_NOT_FOUND");
        assertProblem(post("/api/v1/instances/" + id + "/operations/" + operationId + ":retry", null), 409,
                "OPERATION_NOT_RETRYABLE");

        String other = newInstanceId();
        register(other);
        assertProblem(post("/api/v1/instances/" + other + "/ssl:disable", null), 409, "SSL_NOT_ENABLED");
        assertProblem(post("/api/v1/instances/" + other + "/ssl:rotate", null), 409, "SSL_NOT_ENABLED");
        assertProblem(post("/api/v1/instances/" + newInstanceId() + "/ssl:enable", null), 404, "INSTANCE_NOT_FOUND");

        String sharded = newInstanceId();
        assertThat(post("/api/v1/instances",
                new RegisterInstanceRequest(sharded, "4.2", Topology.SHARDED, nodes(), 0)).statusCode()).isEqualTo(201);
        assertProblem(post("/api/v1/instances/" + sharded + "/ssl:enable", null), 422, "INSTANCE_NOT_ELIGIBLE");
        String oldVersion = newInstanceId();
        assertThat(post("/api/v1/instances",
                new RegisterInstanceRequest(oldVersion, "3.6", Topology.REPLICA_SET, nodes(), 0)).statusCode())
                .isEqualTo(201);
        var ineligible = post("/api/v1/instances/" + oldVersion + "/ssl:enable", null);
        assertProblem(ineligible, 422, "INSTANCE_NOT_ELIGIBLE");
        assertThat(json(ineligible).get("detail").asText()).contains("3.6");
    }

    @Test
    void invalidRequestsAreClientErrorsNeverServerErrors() {
        var bad = new RegisterInstanceRequest("-bad id", "four", null, List.of(
                new NodeSpec("n0", "10.0.0.1", 0, NodeRole.PRIMARY, List.of()),
                new NodeSpec("n0", "10.0.0.1", 0, null, List.of("not a host"))), -1);
        var invalid = post("/api/v1/instances", bad);
        assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(json(invalid).get("violations").size()).isGreaterThanOrEqualTo(7);

        assertProblem(post("/api/v1/instances", new RegisterInstanceRequest(newInstanceId(), "4.2",
                Topology.REPLICA_SET, List.of(), 0)), 400, "VALIDATION_FAILED");
        var tooMany = java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> new NodeSpec("n" + i, "10.0.0." + (i + 1), 27017, NodeRole.SECONDARY, List.of()))
                .toList();
        assertProblem(post("/api/v1/instances", new RegisterInstanceRequest(newInstanceId(), "4.2",
                Topology.REPLICA_SET, tooMany, 0)), 400, "VALIDATION_FAILED");
        var duplicateAddress = List.of(new NodeSpec("a", "h.test", 27017, NodeRole.PRIMARY, List.of()),
                new NodeSpec("b", "H.test", 27017, NodeRole.SECONDARY, List.of()));
        assertProblem(post("/api/v1/instances", new RegisterInstanceRequest(newInstanceId(), "4.2",
                Topology.REPLICA_SET, duplicateAddress, 0)), 400, "VALIDATION_FAILED");

        assertProblem(post("/api/v1/instances", "{\"instanceId\": \"x\", "), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances", "{\"instanceId\": \"x\", \"topology\": \"RING\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances", "{\"instanceId\": \"x\", \"collectionCount\": \"many\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances", "[1,2,3]"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances", ""), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances", "{\"instanceId\":\"" + "x".repeat(70_000) + "\"}"), 413,
                "PAYLOAD_TOO_LARGE");
        assertProblem(post("/api/v1/instances", "plain text", Map.of("Content-Type", "text/plain")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(post("/api/v1/instances/-bad/ssl:enable", null), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances/" + "x".repeat(65) + "/ssl:enable", null), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/instances/ok/ssl:enable", null, Map.of("Idempotency-Key", "bad key!")), 400,
                "VALIDATION_FAILED");
        // POSTs are denied by default: a route no access rule names is refused before any handler is looked up
        assertProblem(post("/api/v1/instances/ok/ssl:explode", null), 403, "FORBIDDEN");
        assertProblem(get("/api/v1/instances/ok/ssl:explode"), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/instances/ok/ssl:enable"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        var health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode components = json(health).get("components");
        assertThat(components.get("mongo").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("kafka").get("status").asText()).isEqualTo("UP");

        register(newInstanceId());
        var metric = get("/actuator/metrics/sslplane.commands?tag=channel:rest&tag=command:RegisterInstanceCommand"
                + "&tag=outcome:accepted");
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(json(metric).get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        // the event append of that registration, timed by the MongoDB driver's command listener
        var inserts = get("/actuator/metrics/mongodb.driver.commands?tag=command:insert&tag=status:SUCCESS");
        assertThat(inserts.statusCode()).isEqualTo(200);
        assertThat(json(inserts).get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        var openApi = get("/v3/api-docs");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).get("paths").has("/api/v1/instances/{instanceId}/ssl:enable")).isTrue();
        assertThat(json(openApi).get("paths").has("/api/v1/instances/{instanceId}/ssl:enforce-tls")).isTrue();
        assertThat(json(openApi).get("paths")
                .has("/api/v1/instances/{instanceId}/operations/{operationId}:finish-rotation")).isTrue();
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    private EventEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(record.value())).value();
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
