package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.AbortOperationRequest;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.FinishRotationRequest;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RemoveMemberRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.RollBackOperationRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Commands and progress reports over Kafka: results, redelivery, dead letters. */
class KafkaIntakeIT extends IntegrationTestBase {

    @Test
    void eachCommandIsAnsweredAndARedeliveryIsAnsweredAgainNotExecutedTwice() {
        String id = newInstanceId();
        String registerId = "cmd-" + UUID.randomUUID();
        String enableId = "cmd-" + UUID.randomUUID();
        String disableId = "cmd-" + UUID.randomUUID();
        String renewId = "cmd-" + UUID.randomUUID();
        String unknownId = "cmd-" + UUID.randomUUID();

        sendCommand(registerId, CommandTypes.REGISTER_INSTANCE, id, registration(id));
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, null);
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, null); // redelivered
        sendCommand(disableId, CommandTypes.DISABLE_SSL, id, null);
        sendCommand(renewId, CommandTypes.RENEW_NODE_CERTIFICATES, id, null);
        sendCommand(unknownId, CommandTypes.ROTATE_CERTIFICATE, newInstanceId(), null);

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(enableId).size() == 2
                    && results.recordsWithKey(disableId).size() == 1 && results.recordsWithKey(renewId).size() == 1
                    && results.recordsWithKey(unknownId).size() == 1);

            CommandResult registered = result(results.recordsWithKey(registerId).get(0));
            assertThat(registered.outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
            assertThat(registered.commandType()).isEqualTo(CommandTypes.REGISTER_INSTANCE);

            List<CommandResult> enabled = results.recordsWithKey(enableId).stream().map(this::result).toList();
            assertThat(enabled).extracting(CommandResult::outcome).containsOnly(CommandResult.Outcome.ACCEPTED);
            assertThat(enabled).extracting(CommandResult::operationId)
                    .containsOnly(OperationIds.fromCommandId(enableId));
            assertThat(enabled.get(1)).isEqualTo(enabled.get(0));

            CommandResult disabled = result(results.recordsWithKey(disableId).get(0));
            assertThat(disabled.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
            assertThat(disabled.code()).isEqualTo("OPERATION_IN_PROGRESS");

            CommandResult renew = result(results.recordsWithKey(renewId).get(0));
            assertThat(renew.commandType()).isEqualTo(CommandTypes.RENEW_NODE_CERTIFICATES);
            assertThat(renew.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
            assertThat(renew.code()).isEqualTo("OPERATION_IN_PROGRESS");

            CommandResult unknown = result(results.recordsWithKey(unknownId).get(0));
            assertThat(unknown.code()).isEqualTo("INSTANCE_NOT_FOUND");
        }
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");
    }

    /** Issue 19 §5 on ssl.commands: a renewal of named members, an unknown member refused, a redelivery. */
    @Test
    void aRenewalOfOneMemberIsAcceptedOnceAndAnUnknownMemberIsRejected() throws Exception {
        String id = newInstanceId();
        register(id);
        completeRestart(id, enable(id), 2);
        String unknownId = "cmd-" + UUID.randomUUID();
        String renewId = "cmd-" + UUID.randomUUID();
        sendCommand(unknownId, CommandTypes.RENEW_NODE_CERTIFICATES, id,
                new RenewNodeCertificatesRequest(null, List.of("n9")));
        sendCommand(renewId, CommandTypes.RENEW_NODE_CERTIFICATES, id,
                new RenewNodeCertificatesRequest(null, List.of("n2")));
        sendCommand(renewId, CommandTypes.RENEW_NODE_CERTIFICATES, id,
                new RenewNodeCertificatesRequest(null, List.of("n2"))); // redelivered

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(unknownId).size() == 1
                    && results.recordsWithKey(renewId).size() == 2);
            CommandResult unknown = result(results.recordsWithKey(unknownId).get(0));
            assertThat(unknown.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
            assertThat(unknown.code()).isEqualTo("MEMBER_NOT_FOUND");
            List<CommandResult> renewed = results.recordsWithKey(renewId).stream().map(this::result).toList();
            assertThat(renewed).extracting(CommandResult::outcome).containsOnly(CommandResult.Outcome.ACCEPTED);
            assertThat(renewed.get(1)).isEqualTo(renewed.get(0));
        }
        var stored = storedEvents(id).get(storedEvents(id).size() - 1);
        assertThat(stored.getString("payloadType")).endsWith("NodeCertificatesRenewingEvent");
        assertThat(objectMapper.readTree(stored.getString("serializedPayload")).get("targets").toString())
                .isEqualTo("[\"n2\"]");
        assertThat(storedEventTypes(id).stream().filter("NodeCertificatesRenewingEvent"::equals)).hasSize(1);
    }

    @Test
    void instanceChangesOnSslCommandsAreRecordedOnceAndRefusedWhileAnOperationRuns() {
        String id = newInstanceId();
        register(id);
        String addId = "cmd-" + UUID.randomUUID();
        String countId = "cmd-" + UUID.randomUUID();
        String engineId = "cmd-" + UUID.randomUUID();
        String busyId = "cmd-" + UUID.randomUUID();
        var member = new dev.sslplane.contracts.model.NodeSpec("n3", "10.1.0.4", 27017, NodeRole.SECONDARY,
                List.of());
        sendCommand(addId, CommandTypes.ADD_MEMBER, id, new AddMemberRequest(member));
        sendCommand(addId, CommandTypes.ADD_MEMBER, id, new AddMemberRequest(member)); // redelivered
        sendCommand(countId, CommandTypes.UPDATE_COLLECTION_COUNT, id, new CollectionCountRequest(25_000));
        sendCommand(engineId, CommandTypes.UPDATE_ENGINE_VERSION, id, new EngineVersionRequest("4.0"));
        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(addId).size() == 2
                    && results.recordsWithKey(countId).size() == 1 && results.recordsWithKey(engineId).size() == 1);
            assertThat(results.recordsWithKey(addId)).extracting(r -> result(r).outcome())
                    .containsOnly(CommandResult.Outcome.ACCEPTED);
            assertThat(result(results.recordsWithKey(countId).get(0)).outcome())
                    .isEqualTo(CommandResult.Outcome.ACCEPTED);
            enable(id);
            sendCommand(busyId, CommandTypes.REMOVE_MEMBER, id, new RemoveMemberRequest("n3"));
            await().atMost(WAIT).until(() -> results.recordsWithKey(busyId).size() == 1);
            CommandResult busy = result(results.recordsWithKey(busyId).get(0));
            assertThat(busy.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
            assertThat(busy.code()).isEqualTo("OPERATION_IN_PROGRESS");
        }
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "MemberAddedEvent",
                "CollectionCountUpdatedEvent", "EngineVersionUpdatedEvent", "SslEnabledEvent");
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() >= 5);
            var envelopes = events.recordsWithKey(id).stream()
                    .map(r -> ((Decoded.Ok<dev.sslplane.contracts.messaging.EventEnvelope>) codec.decodeEnvelope(
                            r.value())).value()).toList();
            assertThat(envelopes).filteredOn(e -> e.type().equals("MemberAdded")).singleElement()
                    .satisfies(e -> assertThat(e.actor()).as("the command's actor, for the audit trail")
                            .isNotBlank());
        }
    }

    @Test
    void unreadableCommandsAreDeadLetteredWhileGoodOnesKeepFlowing() {
        String id = newInstanceId();
        sendCommandRecord(id, "definitely not json".getBytes(StandardCharsets.UTF_8));
        sendCommandRecord(id, null);
        sendCommand("cmd-" + UUID.randomUUID(), "LaunchMissiles", id, null);
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.REGISTER_INSTANCE, id,
                new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, List.of(), -5));
        sendCommand("bad command id!", CommandTypes.ENABLE_SSL, id, null);
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.RETRY_RESTART, id, new RetryRestartRequest(null));
        // the new types' required fields, and optional bodies of the wrong shape
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.FINISH_ROTATION, id, new FinishRotationRequest(null));
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.SET_TLS_ENFORCEMENT, id, null);
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.SET_TLS_ENFORCEMENT, id, new TlsEnforcementRequest(null));
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.SET_TLS_ENFORCEMENT, id, Map.of("requireTls", "maybe"));
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.ENABLE_SSL, id, List.of(true));
        sendCommand("cmd-" + UUID.randomUUID(), CommandTypes.ROTATE_CERTIFICATE, id, Map.of("holdOldCa", Map.of()));
        String goodId = "cmd-" + UUID.randomUUID();
        sendCommand(goodId, CommandTypes.REGISTER_INSTANCE, id, registration(id));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.COMMANDS_DLT);
             var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(goodId).size() == 1);
            await().atMost(WAIT).until(() -> dlt.recordsWithKey(id).size() == 12);
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                    .containsExactlyInAnyOrder("MALFORMED_RECORD", "MALFORMED_RECORD", "UNKNOWN_COMMAND_TYPE",
                            "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED",
                            "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED", "MALFORMED_RECORD",
                            "VALIDATION_FAILED", "MALFORMED_RECORD");
            assertThat(dlt.recordsWithKey(id)).allSatisfy(
                    r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON)).isNotBlank());
            assertThat(result(results.recordsWithKey(goodId).get(0)).outcome())
                    .isEqualTo(CommandResult.Outcome.ACCEPTED);
        }
    }

    @Test
    void progressReportsAreFoldedIntoTheAggregateIdempotentlyStepByStep() {
        String id = newInstanceId();
        register(id);
        String op = enable(id);
        Instant t = Instant.now();
        for (int pass = 1; pass <= 2; pass++) {
            for (String node : List.of("n1", "n2", "n0")) {
                sendProgress(new NodeRestartStartedReport(id, op, node, t, pass, NodeRole.SECONDARY));
                sendProgress(new NodeRestartStartedReport(id, op, node, t, pass, NodeRole.SECONDARY)); // duplicate
                sendProgress(new NodeRestartedReport(id, op, node, 30_000, t.plusSeconds(30), pass,
                        new NodeObservation(pass == 1 ? TlsMode.ALLOW : TlsMode.PREFER, List.of("1a2b"),
                                NodeRole.SECONDARY)));
            }
            // completion before every step of every pass is done changes nothing
            sendProgress(new RestartCompletedReport(id, op, 95_000, t.plusSeconds(95)));
        }
        sendProgress(new NodeRestartedReport(id, op, "n0", 30_000, t.plusSeconds(30), 2, null)); // duplicate
        sendProgress(new RestartCompletedReport(id, op, 95_000, t.plusSeconds(95))); // late duplicate

        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RestartCompletedEvent"));
        var expected = new java.util.ArrayList<>(List.of("InstanceRegisteredEvent", "SslEnabledEvent"));
        for (int step = 0; step < 6; step++) {
            expected.addAll(List.of("NodeRestartStartedEvent", "NodeRestartedEvent"));
        }
        expected.add("RestartCompletedEvent");
        assertThat(storedEventTypes(id)).containsExactlyElementsOf(expected);

        // a failed rotation (three passes), then a retry through the REST API
        var rotated = post("/api/v1/instances/" + id + "/ssl:rotate", null);
        assertThat(rotated.statusCode()).isEqualTo(202);
        String rotation = json(rotated).get("operationId").asText();
        sendProgress(new NodeRestartedReport(id, rotation, "n1", 1_000, t.plusSeconds(200), 1, null));
        sendProgress(new RestartFailedReport(id, rotation, "n2", "health gate timed out", t.plusSeconds(300), 1,
                NodeFailureCode.UNHEALTHY.name()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RestartFailedEvent"));

        var refused = post("/api/v1/instances/" + id + "/ssl:disable", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode progress = json(refused).get("progress");
        assertThat(progress.get("state").asText()).isEqualTo("FAILED");
        assertThat(progress.get("failedNode").asText()).isEqualTo("n2");
        assertThat(progress.get("failureCode").asText()).isEqualTo("UNHEALTHY");
        assertThat(progress.get("passLabel").asText()).isEqualTo("pass 1/3 CA_BUNDLE");
        assertThat(progress.get("nodesDone").asInt()).isEqualTo(1);

        var retried = post("/api/v1/instances/" + id + "/operations/" + rotation + ":retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json(retried).get("operationId").asText()).isEqualTo(rotation);
        assertThat(storedEventTypes(id)).endsWith("RestartFailedEvent", "RestartRetriedEvent");
    }

    @Test
    void rotationHoldAndTlsEnforcementOverKafka() {
        String id = newInstanceId();
        register(id);
        String enableId = "cmd-" + UUID.randomUUID();
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, new EnableSslRequest(true));
        String enabled = OperationIds.fromCommandId(enableId);
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("SslEnabledEvent"));
        completeRestart(id, enabled, 3);

        String rotateId = "cmd-" + UUID.randomUUID();
        sendCommand(rotateId, CommandTypes.ROTATE_CERTIFICATE, id, new RotateCertificateRequest(true));
        String rotation = OperationIds.fromCommandId(rotateId);
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("CertificateRotatedEvent"));
        sendPasses(id, rotation, 1, 2);
        sendProgress(new OperationHeldReport(id, rotation, 2, Instant.now()));
        sendProgress(new OperationHeldReport(id, rotation, 2, Instant.now())); // duplicate
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RotationAwaitingClientsEvent"));

        String enforceId = "cmd-" + UUID.randomUUID();
        sendCommand(enforceId, CommandTypes.SET_TLS_ENFORCEMENT, id, new TlsEnforcementRequest(false));
        String finishId = "cmd-" + UUID.randomUUID();
        sendCommand(finishId, CommandTypes.FINISH_ROTATION, id, new FinishRotationRequest(rotation));
        String againId = "cmd-" + UUID.randomUUID();
        sendCommand(againId, CommandTypes.FINISH_ROTATION, id, new FinishRotationRequest(rotation));

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS);
             var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(againId).size() == 1);
            assertThat(result(results.recordsWithKey(enableId).get(0)).operationId()).isEqualTo(enabled);
            CommandResult enforce = result(results.recordsWithKey(enforceId).get(0));
            assertThat(enforce.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
            assertThat(enforce.code()).isEqualTo("ROTATION_AWAITING_CLIENTS");
            assertThat(enforce.message()).contains("pass 2/3 NEW_CERTIFICATES");
            CommandResult finish = result(results.recordsWithKey(finishId).get(0));
            assertThat(finish.outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
            assertThat(finish.operationId()).isEqualTo(rotation);
            assertThat(result(results.recordsWithKey(againId).get(0)).code())
                    .isEqualTo("ROTATION_NOT_AWAITING_CLIENTS");

            await().atMost(WAIT).until(() -> events.recordsWithKey(id).stream()
                    .anyMatch(r -> "RotationFinishing".equals(KafkaTopicReader.header(r, Headers.MESSAGE_TYPE))));
            var published = events.recordsWithKey(id).stream().map(this::payload).toList();
            var enable = (SslEnabledEvent) published.get(1);
            assertThat(enable.requireTls()).isTrue();
            assertThat(enable.passes()).extracting(Pass::name).containsExactly("ALLOW_TLS", "PREFER_TLS",
                    "REQUIRE_TLS");
            var rotate = published.stream().filter(CertificateRotatedEvent.class::isInstance)
                    .map(CertificateRotatedEvent.class::cast).findFirst().orElseThrow();
            assertThat(rotate.holdAfterPass()).isEqualTo(2);
            assertThat(rotate.previousCa()).isEqualTo(enable.ca());
            assertThat(rotate.passes()).allMatch(pass -> pass.mode() == TlsMode.REQUIRE);
            var finishing = (RotationFinishingEvent) published.get(published.size() - 1);
            assertThat(finishing.completedSteps()).hasSize(6).contains("1/n0", "2/n2");
        }
        assertThat(storedEventTypes(id)).endsWith("RotationAwaitingClientsEvent", "RotationFinishingEvent");
    }

    @Test
    void aRotationWaitingForClientsIsAbortedAndRolledBackOverKafka() {
        String id = newInstanceId();
        register(id);
        String enableId = "cmd-" + UUID.randomUUID();
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, null);
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("SslEnabledEvent"));
        completeRestart(id, OperationIds.fromCommandId(enableId), 2);
        String rotateId = "cmd-" + UUID.randomUUID();
        sendCommand(rotateId, CommandTypes.ROTATE_CERTIFICATE, id, new RotateCertificateRequest(true));
        String rotation = OperationIds.fromCommandId(rotateId);
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("CertificateRotatedEvent"));
        sendPasses(id, rotation, 1, 2);
        sendProgress(new OperationHeldReport(id, rotation, 2, Instant.now()));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RotationAwaitingClientsEvent"));

        String abortId = "cmd-" + UUID.randomUUID();
        sendCommand(abortId, CommandTypes.ABORT_OPERATION, id, new AbortOperationRequest(rotation));
        sendCommand(abortId, CommandTypes.ABORT_OPERATION, id, new AbortOperationRequest(rotation)); // redelivered
        String rollbackId = "cmd-" + UUID.randomUUID();
        sendCommand(rollbackId, CommandTypes.ROLL_BACK_OPERATION, id, new RollBackOperationRequest(rotation));
        sendCommand(rollbackId, CommandTypes.ROLL_BACK_OPERATION, id, new RollBackOperationRequest(rotation));
        String rollback = OperationIds.fromCommandId(rollbackId);

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS);
             var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(rollbackId).size() == 2);
            assertThat(results.recordsWithKey(abortId)).extracting(r -> result(r).outcome())
                    .containsOnly(CommandResult.Outcome.ACCEPTED);
            assertThat(results.recordsWithKey(rollbackId)).extracting(r -> result(r).operationId())
                    .containsOnly(rollback);
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).stream().anyMatch(
                    r -> "OperationRollingBack".equals(KafkaTopicReader.header(r, Headers.MESSAGE_TYPE))));
            var published = events.recordsWithKey(id).stream().map(this::payload).toList();
            var rotate = published.stream().filter(CertificateRotatedEvent.class::isInstance)
                    .map(CertificateRotatedEvent.class::cast).findFirst().orElseThrow();
            var aborted = published.stream().filter(OperationAbortedEvent.class::isInstance)
                    .map(OperationAbortedEvent.class::cast).findFirst().orElseThrow();
            assertThat(aborted.stateBefore()).isEqualTo("WAITING_FOR_CLIENTS");
            assertThat(aborted.rollbackRequired()).isTrue();
            assertThat(aborted.nodes()).allSatisfy(node -> {
                assertThat(node.certificateCaSerial()).isEqualTo(rotate.ca().serial());
                assertThat(node.trustedCaSerials()).containsExactlyInAnyOrder(rotate.ca().serial(),
                        rotate.previousCa().serial());
            });
            var rollingBack = (OperationRollingBackEvent) published.get(published.size() - 1);
            assertThat(rollingBack.operationId()).isEqualTo(rollback);
            assertThat(rollingBack.ca()).isEqualTo(rotate.previousCa());
            assertThat(rollingBack.previousCa()).isEqualTo(rotate.ca());
            assertThat(rollingBack.passes()).extracting(Pass::name)
                    .containsExactly("PREVIOUS_CA_CERTIFICATES", "PREVIOUS_CA_ONLY");
        }
        assertThat(storedEventTypes(id)).endsWith("RotationAwaitingClientsEvent", "OperationAbortedEvent",
                "OperationRollingBackEvent");
    }

    @Test
    void unreadableProgressRecordsAreDeadLetteredAndUnknownTypesSkipped() {
        String id = newInstanceId();
        register(id);
        String op = enable(id);
        send(Topics.RESTART_PROGRESS, id, "{\"type\":".getBytes(StandardCharsets.UTF_8));
        // an event type does not belong on the progress topic
        send(Topics.RESTART_PROGRESS, id, codec.encode(codec.envelope(
                new SslEnabledEvent(id, op, null, nodes(), 0, "4.2", false, null), "e-1", id, 1L, Instant.now(), "x",
                op)));
        // a future report type this version does not know: skipped, not dead-lettered
        send(Topics.RESTART_PROGRESS, id, ("{\"type\":\"NodeWarmedUpReport\",\"schemaVersion\":1,\"eventId\":\"e-2\","
                + "\"instanceId\":\"" + id + "\",\"occurredAt\":\"2026-11-28T10:00:00Z\",\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8));
        sendProgress(new NodeRestartStartedReport(id, op, "no such node!", Instant.now(), 1, null));
        sendProgress(new NodeRestartedReport(id, op, "n1", 1, Instant.now(), 99, null));
        sendProgress(new NodeRestartedReport(id, op, "n1", 1, Instant.now(), 1,
                new NodeObservation(TlsMode.ALLOW, List.of("NOT-HEX"), NodeRole.SECONDARY)));
        sendProgress(new RestartFailedReport(id, op, "n1", "x", Instant.now(), 1, "NOT_A_CODE"));
        sendProgress(new OperationHeldReport(id, op, 0, Instant.now()));
        String stranger = newInstanceId();
        sendProgress(new NodeRestartStartedReport(stranger, op, "n0", Instant.now(), 1, null));
        sendProgress(new NodeRestartStartedReport(id, op, "n1", Instant.now(), 1, NodeRole.SECONDARY));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.RESTART_PROGRESS_DLT)) {
            await().atMost(WAIT).until(() -> storedEventTypes(id).contains("NodeRestartStartedEvent"));
            await().atMost(WAIT).until(() -> dlt.recordsWithKey(id).size() == 7 && dlt.recordsWithKey(stranger).size() == 1);
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                    .containsExactlyInAnyOrder("MALFORMED_RECORD", "UNEXPECTED_MESSAGE_TYPE", "VALIDATION_FAILED",
                            "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED");
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON))
                    .anySatisfy(reason -> assertThat(reason).contains("pass"))
                    .anySatisfy(reason -> assertThat(reason).contains("trustedCaSerials"))
                    .anySatisfy(reason -> assertThat(reason).contains("code must be one of"));
            assertThat(KafkaTopicReader.header(dlt.recordsWithKey(stranger).get(0), Headers.DLT_REASON_CODE))
                    .isEqualTo("INSTANCE_NOT_FOUND");
        }
    }

    private void sendCommand(String commandId, String type, String instanceId, Object payload) {
        sendCommandRecord(instanceId, command(commandId, type, instanceId, payload));
    }

    private byte[] command(String commandId, String type, String instanceId, Object payload) {
        JsonNode body = payload == null ? null : codec.objectMapper().valueToTree(payload);
        return codec.encode(new CommandEnvelope(commandId, type, 1, instanceId, Instant.now(), body));
    }

    @Test
    void commandsNeedAnAllowedProducerAndTheProducerIsTheActor() {
        String id = newInstanceId();
        String missing = "cmd-" + UUID.randomUUID();
        String malformed = "cmd-" + UUID.randomUUID();
        String stranger = "cmd-" + UUID.randomUUID();
        String good = "cmd-" + UUID.randomUUID();
        byte[] registration = command(missing, CommandTypes.REGISTER_INSTANCE, id, registration(id));
        send(Topics.COMMANDS, id, registration, Map.of(Headers.ACTOR, "admin"));
        send(Topics.COMMANDS, id, command(malformed, CommandTypes.REGISTER_INSTANCE, id, registration(id)),
                Map.of(Headers.PRODUCER, "ops portal; rm -rf"));
        send(Topics.COMMANDS, id, command(stranger, CommandTypes.REGISTER_INSTANCE, id, registration(id)),
                Map.of(Headers.PRODUCER, "intruder"));
        // allow-listed producer; the client-typed ssl-actor header is ignored
        send(Topics.COMMANDS, id, command(good, CommandTypes.REGISTER_INSTANCE, id, registration(id)),
                Map.of(Headers.PRODUCER, "ops-portal", Headers.ACTOR, "admin"));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.COMMANDS_DLT);
             var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS);
             var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(good).size() == 1
                    && dlt.recordsWithKey(id).size() == 3);
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                    .containsExactlyInAnyOrder("PRODUCER_MISSING", "PRODUCER_MISSING", "PRODUCER_NOT_ALLOWED");
            assertThat(results.recordsWithKey(missing)).isEmpty();
            assertThat(results.recordsWithKey(stranger)).isEmpty();
            assertThat(result(results.recordsWithKey(good).get(0)).outcome())
                    .isEqualTo(CommandResult.Outcome.ACCEPTED);
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() == 1);
            var event = events.recordsWithKey(id).get(0);
            assertThat(KafkaTopicReader.header(event, Headers.ACTOR)).isEqualTo("service:ops-portal");
        }
        // executed exactly once (the refused records executed nothing), recorded with the producer as actor
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent");
        assertThat(storedEvents(id).get(0).toJson()).contains("service:ops-portal").doesNotContain("\"admin\"");
    }

    private Object payload(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<Object>) codec.decode(record.value())).value();
    }

    private CommandResult result(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<CommandResult>) codec.read(record.value(), CommandResult.class)).value();
    }
}
