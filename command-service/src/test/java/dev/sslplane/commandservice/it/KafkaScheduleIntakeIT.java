package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.messaging.CancelScheduledOperationRequest;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.messaging.OperationRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.Schedule;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The maintenance-window commands on {@code ssl.commands}: set a window, schedule an operation in it, cancel it;
 * refused without a window, and a repeated cancel is answered again, not executed twice.
 */
class KafkaScheduleIntakeIT extends IntegrationTestBase {

    @Test
    void aWindowIsSetAnOperationScheduledAndCancelledOverKafka() {
        String id = newInstanceId();
        register(id);
        String tooEarly = "cmd-" + UUID.randomUUID();
        String window = "cmd-" + UUID.randomUUID();
        String schedule = "cmd-" + UUID.randomUUID();
        String cancel = "cmd-" + UUID.randomUUID();

        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            sendCommand(tooEarly, CommandTypes.ENABLE_SSL, id, java.util.Map.of("schedule", "MAINTENANCE_WINDOW"));
            await().atMost(WAIT).until(() -> results.recordsWithKey(tooEarly).size() == 1);
            assertThat(result(results.recordsWithKey(tooEarly).get(0)).code()).isEqualTo("MAINTENANCE_WINDOW_NOT_SET");

            sendCommand(window, CommandTypes.SET_MAINTENANCE_WINDOW, id,
                    new MaintenanceWindowRequest("SUNDAY", "03:00", "PT2H"));
            await().atMost(WAIT).until(() -> results.recordsWithKey(window).size() == 1);
            assertThat(result(results.recordsWithKey(window).get(0)).outcome())
                    .isEqualTo(CommandResult.Outcome.ACCEPTED);

            // a command without another option carries its schedule alone
            sendCommand(schedule, CommandTypes.DISABLE_SSL, id, new OperationRequest(Schedule.MAINTENANCE_WINDOW));
            await().atMost(WAIT).until(() -> results.recordsWithKey(schedule).size() == 1);
            CommandResult scheduled = result(results.recordsWithKey(schedule).get(0));
            assertThat(scheduled.code()).as("SSL is off: refused as a disable now would be")
                    .isEqualTo("SSL_NOT_ENABLED");

            String enable = "cmd-" + UUID.randomUUID();
            sendCommand(enable, CommandTypes.ENABLE_SSL, id, java.util.Map.of("schedule", "MAINTENANCE_WINDOW"));
            await().atMost(WAIT).until(() -> results.recordsWithKey(enable).size() == 1);
            CommandResult accepted = result(results.recordsWithKey(enable).get(0));
            assertThat(accepted.outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
            String operationId = accepted.operationId();

            sendCommand(cancel, CommandTypes.CANCEL_SCHEDULED_OPERATION, id,
                    new CancelScheduledOperationRequest(operationId));
            sendCommand(cancel, CommandTypes.CANCEL_SCHEDULED_OPERATION, id,
                    new CancelScheduledOperationRequest(operationId)); // redelivered
            await().atMost(WAIT).until(() -> results.recordsWithKey(cancel).size() == 2);
            assertThat(results.recordsWithKey(cancel)).extracting(r -> result(r).outcome())
                    .containsOnly(CommandResult.Outcome.ACCEPTED);
        }
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "MaintenanceWindowSetEvent",
                "OperationScheduledEvent", "ScheduledOperationCancelledEvent");
    }

    /** SetRenewalPolicy: refused without a window, recorded once with one (a redelivery changes nothing). */
    @Test
    void theRenewalPolicyIsSetOverKafka() {
        String id = newInstanceId();
        register(id);
        String tooEarly = "cmd-" + UUID.randomUUID();
        String window = "cmd-" + UUID.randomUUID();
        String policy = "cmd-" + UUID.randomUUID();
        try (var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            sendCommand(tooEarly, CommandTypes.SET_RENEWAL_POLICY, id,
                    new RenewalPolicyRequest("IN_MAINTENANCE_WINDOW"));
            await().atMost(WAIT).until(() -> results.recordsWithKey(tooEarly).size() == 1);
            assertThat(result(results.recordsWithKey(tooEarly).get(0)).code()).isEqualTo("MAINTENANCE_WINDOW_NOT_SET");

            sendCommand(window, CommandTypes.SET_MAINTENANCE_WINDOW, id,
                    new MaintenanceWindowRequest("SUNDAY", "03:00", "PT2H"));
            sendCommand(policy, CommandTypes.SET_RENEWAL_POLICY, id, new RenewalPolicyRequest("IN_MAINTENANCE_WINDOW"));
            sendCommand(policy, CommandTypes.SET_RENEWAL_POLICY, id,
                    new RenewalPolicyRequest("IN_MAINTENANCE_WINDOW")); // redelivered
            await().atMost(WAIT).until(() -> results.recordsWithKey(policy).size() == 2);
            assertThat(results.recordsWithKey(policy)).extracting(r -> result(r).outcome())
                    .containsOnly(CommandResult.Outcome.ACCEPTED);
        }
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "MaintenanceWindowSetEvent",
                "RenewalPolicySetEvent");
    }

    private void sendCommand(String commandId, String type, String instanceId, Object payload) {
        JsonNode body = payload == null ? null : codec.objectMapper().valueToTree(payload);
        sendCommandRecord(instanceId, codec.encode(new CommandEnvelope(commandId, type, 1, instanceId, Instant.now(),
                body)));
    }

    private CommandResult result(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<CommandResult>) codec.read(record.value(), CommandResult.class)).value();
    }
}
