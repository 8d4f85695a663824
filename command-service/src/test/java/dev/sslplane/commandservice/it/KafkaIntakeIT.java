package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
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
        String unknownId = "cmd-" + UUID.randomUUID();

        sendCommand(registerId, CommandTypes.REGISTER_INSTANCE, id, registration(id));
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, null);
        sendCommand(enableId, CommandTypes.ENABLE_SSL, id, null); // redelivered
        sendCommand(disableId, CommandTypes.DISABLE_SSL, id, null);
        sendCommand(unknownId, CommandTypes.ROTATE_CERTIFICATE, newInstanceId(), null);

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(enableId).size() == 2
                    && results.recordsWithKey(disableId).size() == 1 && results.recordsWithKey(unknownId).size() == 1);

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

            CommandResult unknown = result(results.recordsWithKey(unknownId).get(0));
            assertThat(unknown.code()).isEqualTo("INSTANCE_NOT_FOUND");
        }
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");
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
        String goodId = "cmd-" + UUID.randomUUID();
        sendCommand(goodId, CommandTypes.REGISTER_INSTANCE, id, registration(id));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.COMMANDS_DLT);
             var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(goodId).size() == 1);
            await().atMost(WAIT).until(() -> dlt.recordsWithKey(id).size() == 6);
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                    .containsExactlyInAnyOrder("MALFORMED_RECORD", "MALFORMED_RECORD", "UNKNOWN_COMMAND_TYPE",
                            "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED");
            assertThat(dlt.recordsWithKey(id)).allSatisfy(
                    r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON)).isNotBlank());
            assertThat(result(results.recordsWithKey(goodId).get(0)).outcome())
                    .isEqualTo(CommandResult.Outcome.ACCEPTED);
        }
    }

    @Test
    void progressReportsAreFoldedIntoTheAggregateIdempotently() {
        String id = newInstanceId();
        register(id);
        String op = enable(id);
        Instant t = Instant.now();
        for (String node : List.of("n1", "n2", "n0")) {
            sendProgress(new NodeRestartStartedReport(id, op, node, t));
            sendProgress(new NodeRestartStartedReport(id, op, node, t)); // duplicate
            sendProgress(new NodeRestartedReport(id, op, node, 30_000, t.plusSeconds(30)));
        }
        sendProgress(new NodeRestartedReport(id, op, "n0", 30_000, t.plusSeconds(30))); // duplicate
        sendProgress(new RestartCompletedReport(id, op, 95_000, t.plusSeconds(95)));
        sendProgress(new RestartCompletedReport(id, op, 95_000, t.plusSeconds(95))); // late duplicate

        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RestartCompletedEvent"));
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent",
                "NodeRestartStartedEvent", "NodeRestartedEvent", "NodeRestartStartedEvent", "NodeRestartedEvent",
                "NodeRestartStartedEvent", "NodeRestartedEvent", "RestartCompletedEvent");

        // a failed rotation, then a retry through the REST API
        var rotated = post("/api/v1/instances/" + id + "/ssl:rotate", null);
        assertThat(rotated.statusCode()).isEqualTo(202);
        String rotation = json(rotated).get("operationId").asText();
        sendProgress(new NodeRestartedReport(id, rotation, "n1", 1_000, t.plusSeconds(200)));
        sendProgress(new RestartFailedReport(id, rotation, "n2", "health gate timed out", t.plusSeconds(300)));
        await().atMost(WAIT).until(() -> storedEventTypes(id).contains("RestartFailedEvent"));

        var refused = post("/api/v1/instances/" + id + "/ssl:disable", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode progress = json(refused).get("progress");
        assertThat(progress.get("state").asText()).isEqualTo("FAILED");
        assertThat(progress.get("failedNode").asText()).isEqualTo("n2");
        assertThat(progress.get("nodesDone").asInt()).isEqualTo(1);

        var retried = post("/api/v1/instances/" + id + "/operations/" + rotation + ":retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json(retried).get("operationId").asText()).isEqualTo(rotation);
        assertThat(storedEventTypes(id)).endsWith("RestartFailedEvent", "RestartRetriedEvent");
    }

    @Test
    void unreadableProgressRecordsAreDeadLetteredAndUnknownTypesSkipped() {
        String id = newInstanceId();
        register(id);
        String op = enable(id);
        send(Topics.RESTART_PROGRESS, id, "{\"type\":".getBytes(StandardCharsets.UTF_8));
        // an event type does not belong on the progress topic
        send(Topics.RESTART_PROGRESS, id, codec.encode(codec.envelope(
                new SslEnabledEvent(id, op, null, nodes(), 0), "e-1", id, 1L, Instant.now(), "x", op)));
        // a future report type this version does not know: skipped, not dead-lettered
        send(Topics.RESTART_PROGRESS, id, ("{\"type\":\"NodeWarmedUpReport\",\"schemaVersion\":1,\"eventId\":\"e-2\","
                + "\"instanceId\":\"" + id + "\",\"occurredAt\":\"2026-11-28T10:00:00Z\",\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8));
        sendProgress(new NodeRestartStartedReport(id, op, "no such node!", Instant.now()));
        String stranger = newInstanceId();
        sendProgress(new NodeRestartStartedReport(stranger, op, "n0", Instant.now()));
        sendProgress(new NodeRestartStartedReport(id, op, "n1", Instant.now()));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.RESTART_PROGRESS_DLT)) {
            await().atMost(WAIT).until(() -> storedEventTypes(id).contains("NodeRestartStartedEvent"));
            await().atMost(WAIT).until(() -> dlt.recordsWithKey(id).size() == 3 && dlt.recordsWithKey(stranger).size() == 1);
            assertThat(dlt.recordsWithKey(id)).extracting(r -> KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                    .containsExactlyInAnyOrder("MALFORMED_RECORD", "UNEXPECTED_MESSAGE_TYPE", "VALIDATION_FAILED");
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

    private CommandResult result(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<CommandResult>) codec.read(record.value(), CommandResult.class)).value();
    }
}
