package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.testsupport.ShiftableClock;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operations scheduled for the maintenance window, on whole services with a clock the test moves: nothing starts
 * before the window, the operation starts within the poll interval once the clock is inside it, a window that closed
 * before the start defers it, a cancelled one never starts, and a schedule survives a restart of the service.
 */
class SchedulingIT extends IntegrationTestBase {

    private static final String DATABASE = "scheduling_it";
    /** The poll interval of the services here; production's default is 10 s. */
    private static final Duration POLL = Duration.ofMillis(300);
    /** Long enough for several polls: what "nothing happens" is checked for. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final ShiftableClock clock = new ShiftableClock();
    /** The window opens two days from now, for an hour: the clock is moved into it, never waited for. */
    private final Instant opens = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    private final Instant closes = opens.plus(Duration.ofHours(1));

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void startsInsideTheWindowWithinThePollIntervalAndNotBefore() throws Exception {
        String id = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService()) {
            registerWithWindow(service, id);
            String operationId = scheduleEnable(service, id);
            await().atMost(WAIT).until(() -> types(events, id).contains("OperationScheduled"));

            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> !types(events, id).contains("SslEnabled"));

            clock.shift(Duration.between(Instant.now(), opens).plusSeconds(5));
            Instant moved = Instant.now();
            await().atMost(WAIT).until(() -> types(events, id).contains("SslEnabled"));
            Duration toStart = Duration.between(moved, Instant.now());
            System.out.println("scheduled operation on ssl.events " + toStart.toMillis() + " ms after the window opened");

            assertThat(operationOf(events, id, "SslEnabled")).isEqualTo(operationId);
            assertThat(actorOf(events, id, "SslEnabled")).isEqualTo("system:scheduler");
            assertThat(toStart).as("started within the poll interval (and the command's own time)")
                    .isLessThan(POLL.plusSeconds(10));
            // the operation holds the instance as any running one does
            postTo(service, "/api/v1/instances/" + id + "/ssl:enable", null, 409);
        }
    }

    @Test
    void aWindowThatClosedBeforeTheStartDefersTheOperationToTheNextOne() throws Exception {
        String id = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService()) {
            registerWithWindow(service, id);
            scheduleEnable(service, id);

            // the service "was down" for the whole window: its first look is after the window closed
            clock.shift(Duration.between(Instant.now(), closes).plusSeconds(60));
            await().atMost(WAIT).until(() -> types(events, id).contains("ScheduledOperationDeferred"));
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> !types(events, id).contains("SslEnabled"));
            JsonNode deferred = payloadOf(events, id, "ScheduledOperationDeferred");
            assertThat(Instant.parse(deferred.get("startsAt").asText())).isEqualTo(opens.plus(Duration.ofDays(7)));

            clock.shift(Duration.between(Instant.now(), opens.plus(Duration.ofDays(7))).plusSeconds(5));
            await().atMost(WAIT).until(() -> types(events, id).contains("SslEnabled"));
        }
    }

    @Test
    void aCancelledOperationNeverStarts() throws Exception {
        String id = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService()) {
            registerWithWindow(service, id);
            String operationId = scheduleEnable(service, id);
            postTo(service, "/api/v1/instances/" + id + "/operations/" + operationId + ":cancel", null, 202);
            postTo(service, "/api/v1/instances/" + id + "/operations/" + operationId + ":cancel", null, 202);
            await().atMost(WAIT).until(() -> types(events, id).contains("ScheduledOperationCancelled"));
            // the principal who cancelled, as for every event (here the one who scheduled it too)
            assertThat(actorOf(events, id, "ScheduledOperationCancelled"))
                    .isEqualTo(actorOf(events, id, "OperationScheduled")).isNotEqualTo("system:scheduler");

            clock.shift(Duration.between(Instant.now(), opens).plusSeconds(5));
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> !types(events, id).contains("SslEnabled"));
            assertThat(types(events, id)).containsOnlyOnce("ScheduledOperationCancelled");
            // the instance is free again
            postTo(service, "/api/v1/instances/" + id + "/ssl:enable", null, 202);
        }
    }

    @Test
    void aScheduleSurvivesARestartOfTheService() throws Exception {
        String id = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            String operationId;
            try (var first = startService()) {
                registerWithWindow(first, id);
                operationId = scheduleEnable(first, id);
                await().atMost(WAIT).until(() -> types(events, id).contains("OperationScheduled"));
            }
            clock.shift(Duration.between(Instant.now(), opens).plusSeconds(5));
            try (var second = startService()) {
                await().atMost(WAIT).until(() -> types(events, id).contains("SslEnabled"));
                assertThat(operationOf(events, id, "SslEnabled")).isEqualTo(operationId);
            }
        }
    }

    @Test
    void twoReplicasStartAScheduledOperationOnce() throws Exception {
        String id = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var a = startService();
             var b = startService()) {
            registerWithWindow(a, id);
            scheduleEnable(b, id);
            await().atMost(WAIT).until(() -> types(events, id).contains("OperationScheduled"));
            clock.shift(Duration.between(Instant.now(), opens).plusSeconds(5));
            await().atMost(WAIT).until(() -> types(events, id).contains("SslEnabled"));
            // both replicas keep polling; neither starts it again nor defers it
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> types(events, id).stream()
                    .filter(t -> t.equals("SslEnabled") || t.equals("ScheduledOperationDeferred")).count() == 1);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ServiceReplica startService() {
        return ServiceReplica.start(clock, brokers(), DATABASE, "sslplane.scheduling.poll-interval=" + POLL.toMillis()
                + "ms");
    }

    private void registerWithWindow(ServiceReplica service, String id) {
        postTo(service, "/api/v1/instances", registration(id), 201);
        ZonedDateTime utc = opens.atZone(ZoneOffset.UTC);
        postTo(service, "/api/v1/instances/" + id + "/maintenance-window", new MaintenanceWindowRequest(
                utc.getDayOfWeek().name(), String.format("%02d:%02d", utc.getHour(), utc.getMinute()), "PT1H"), 200);
    }

    private String scheduleEnable(ServiceReplica service, String id) throws Exception {
        HttpResponse<String> answer = service.post("/api/v1/instances/" + id + "/ssl:enable",
                Map.of("schedule", "MAINTENANCE_WINDOW"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return objectMapper.readTree(answer.body()).get("operationId").asText();
    }

    private List<EventEnvelope> envelopes(KafkaTopicReader events, String id) {
        return events.recordsWithKey(id).stream()
                .map(r -> ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(r.value())).value()).toList();
    }

    private List<String> types(KafkaTopicReader events, String id) {
        return envelopes(events, id).stream().map(EventEnvelope::type).toList();
    }

    private EventEnvelope first(KafkaTopicReader events, String id, String type) {
        return envelopes(events, id).stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
    }

    private String operationOf(KafkaTopicReader events, String id, String type) {
        return first(events, id, type).operationId();
    }

    private String actorOf(KafkaTopicReader events, String id, String type) {
        return first(events, id, type).actor();
    }

    private JsonNode payloadOf(KafkaTopicReader events, String id, String type) {
        return first(events, id, type).payload();
    }

    private void postTo(ServiceReplica service, String path, Object body, int expectedStatus) {
        try {
            var response = service.post(path, body);
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
