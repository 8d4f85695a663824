package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.testsupport.ShiftableClock;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.pki.TestPki;
import dev.sslplane.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.boot.web.context.WebServerApplicationContext;
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
 * before the start defers it, a cancelled one never starts, and a schedule survives a restart of the service. Also
 * the time-driven facts: automatic renewal of node certificates, and the CA's expiry warning.
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

    // ---- automatic renewal -------------------------------------------------------------------------------------

    /**
     * Node certificates signed through the worker's route during an enable; the clock moved past RENEW_SOON (397-day
     * certificates: 2/3 of the life is 264.7 days) but before the window: the instance whose policy renews in the
     * window gets its renewal SCHEDULED, not started; in the window it starts. The twin instance, whose policy was
     * turned OFF again, gets nothing (this fails if the poller ignores the policy).
     */
    @Test
    void dueNodeCertificatesAreRenewedInTheWindowOnlyWhereThePolicySaysSo() throws Exception {
        String on = newInstanceId();
        String off = newInstanceId();
        Instant due = Instant.now().plus(Duration.ofDays(270));
        Instant windowOpens = due.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService()) {
            for (String id : List.of(on, off)) {
                registerWithWindowAt(service, id, windowOpens);
                enableWithSignedNodeCertificates(service, events, id);
                postTo(service, "/api/v1/instances/" + id + "/renewal-policy",
                        new RenewalPolicyRequest("IN_MAINTENANCE_WINDOW"), 200);
            }
            postTo(service, "/api/v1/instances/" + off + "/renewal-policy", new RenewalPolicyRequest("OFF"), 200);
            await().during(QUIET).atMost(QUIET.plusSeconds(5))
                    .until(() -> !types(events, on).contains("OperationScheduled"));

            clock.shift(Duration.between(Instant.now(), due));
            Instant shifted = Instant.now();
            await().atMost(WAIT).until(() -> types(events, on).contains("OperationScheduled"));
            System.out.println("automatic renewal scheduled on ssl.events "
                    + Duration.between(shifted, Instant.now()).toMillis() + " ms after the certificates fell due");
            JsonNode scheduled = payloadOf(events, on, "OperationScheduled");
            assertThat(scheduled.get("kind").asText()).isEqualTo("RENEW_NODE_CERTIFICATES");
            assertThat(Instant.parse(scheduled.get("startsAt").asText())).isEqualTo(windowOpens);
            assertThat(actorOf(events, on, "OperationScheduled")).isEqualTo("system:renewal");
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> !types(events, on)
                    .contains("NodeCertificatesRenewing") && !types(events, off).contains("OperationScheduled"));

            clock.shift(Duration.between(Instant.now(), windowOpens).plusSeconds(5));
            Instant inWindow = Instant.now();
            await().atMost(WAIT).until(() -> types(events, on).contains("NodeCertificatesRenewing"));
            System.out.println("automatic renewal started on ssl.events "
                    + Duration.between(inWindow, Instant.now()).toMillis() + " ms after the window opened");
            assertThat(operationOf(events, on, "NodeCertificatesRenewing"))
                    .isEqualTo(operationOf(events, on, "OperationScheduled"));
            // every poll of the window asked again: the same id, so one schedule and one start
            assertThat(types(events, on)).containsOnlyOnce("OperationScheduled", "NodeCertificatesRenewing");
            assertThat(types(events, off)).doesNotContain("OperationScheduled", "NodeCertificatesRenewing");
        }
    }

    // ---- CA expiry warning -------------------------------------------------------------------------------------

    /**
     * The CA (the deployment's 3650 days) crosses RENEW_SOON (2/3 of its life) by the moved clock, with automatic
     * renewal OFF and two replicas watching: exactly one CaExpiryStateReached on ssl.events, by {@code system:expiry},
     * and no operation started or scheduled. Further polls add nothing and, once the candidates projection has seen
     * the event, ask nothing (the command counters stand still: this fails for a watch that ignores what was
     * recorded). EXPIRED follows the same way; the instance without SSL gets nothing.
     */
    @Test
    void aCaCrossingRenewSoonIsRecordedOnceAndNeverRotated() throws Exception {
        String id = newInstanceId();
        String plain = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService();
             var replica = startService()) {
            postTo(service, "/api/v1/instances", registration(plain), 201);
            postTo(service, "/api/v1/instances", registration(id), 201);
            postTo(service, "/api/v1/instances/" + id + "/ssl:enable", null, 202);
            await().atMost(WAIT).until(() -> types(events, id).contains("SslEnabled"));
            JsonNode ca = payloadOf(events, id, "SslEnabled").get("ca");
            Instant notBefore = Instant.parse(ca.get("notBefore").asText());
            Instant notAfter = Instant.parse(ca.get("notAfter").asText());
            Instant renewSoon = notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3))
                    .plus(Duration.ofDays(1));

            clock.shift(Duration.between(Instant.now(), renewSoon));
            Instant shifted = Instant.now();
            await().atMost(WAIT).until(() -> types(events, id).contains("CaExpiryStateReached"));
            System.out.println("CA RENEW_SOON recorded on ssl.events " + Duration.between(shifted, Instant.now())
                    .toMillis() + " ms after the clock crossed it");
            EventEnvelope reached = first(events, id, "CaExpiryStateReached");
            assertThat(reached.actor()).isEqualTo("system:expiry");
            assertThat(reached.payload().get("state").asText()).isEqualTo("RENEW_SOON");
            assertThat(reached.payload().get("caSerial").asText()).isEqualTo(ca.get("serial").asText());
            assertThat(Instant.parse(reached.payload().get("caNotAfter").asText())).isEqualTo(notAfter);
            double[] asked = {caExpiryCommands(service) + caExpiryCommands(replica)};
            await().during(QUIET).atMost(QUIET.plusSeconds(10)).until(() -> {
                double now = caExpiryCommands(service) + caExpiryCommands(replica);
                boolean still = now == asked[0];
                asked[0] = now;
                return still;
            });
            assertThat(types(events, id)).containsOnlyOnce("CaExpiryStateReached")
                    .doesNotContain("CertificateRotated", "OperationScheduled");

            clock.shift(Duration.between(Instant.now(), notAfter).plusSeconds(60));
            await().atMost(WAIT).until(() -> envelopes(events, id).stream()
                    .anyMatch(e -> e.payload().path("state").asText().equals("EXPIRED")));
            assertThat(types(events, id).stream().filter("CaExpiryStateReached"::equals)).hasSize(2);
            assertThat(types(events, id)).doesNotContain("CertificateRotated", "OperationScheduled");
            assertThat(types(events, plain)).containsExactly("InstanceRegistered");
        }
    }

    /** Record-CA-expiry commands this replica has sent so far, whatever their outcome. */
    private static double caExpiryCommands(ServiceReplica service) {
        return service.context().getBean(MeterRegistry.class).find("sslplane.commands")
                .tag("command", "RecordCaExpiryStateCommand").counters().stream().mapToDouble(Counter::count).sum();
    }

    private void registerWithWindowAt(ServiceReplica service, String id, Instant windowOpens) {
        postTo(service, "/api/v1/instances", registration(id), 201);
        ZonedDateTime utc = windowOpens.atZone(ZoneOffset.UTC);
        postTo(service, "/api/v1/instances/" + id + "/maintenance-window", new MaintenanceWindowRequest(
                utc.getDayOfWeek().name(), String.format("%02d:%02d", utc.getHour(), utc.getMinute()), "PT1H"), 200);
    }

    /** Enables SSL now, signs every node's CSR as the worker does, and reports the operation complete. */
    private void enableWithSignedNodeCertificates(ServiceReplica service, KafkaTopicReader events, String id)
            throws Exception {
        HttpResponse<String> answer = service.post("/api/v1/instances/" + id + "/ssl:enable", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String operationId = objectMapper.readTree(answer.body()).get("operationId").asText();
        for (NodeSpec node : nodes()) {
            String csr = TestPki.csr(TestPki.ec(), node.name(), TestPki.ip(node.host()));
            HttpResponse<String> signed = postAs(service, Role.WORKER, "/api/v1/instances/" + id + "/operations/"
                    + operationId + "/nodes/" + node.name() + "/certificate", new SignCsrRequest(csr));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        }
        var dispatcher = service.context().getBean(CommandDispatcher.class);
        Instant t = Instant.now();
        for (int pass = 1; pass <= Procedures.enable(false).size(); pass++) {
            for (NodeSpec node : nodes()) {
                dispatcher.dispatch(new RecordNodeRestartedCommand(id, operationId, node.name(), 1_000, t, pass,
                        null), "system:restart-worker", null, "progress");
            }
        }
        dispatcher.dispatch(new CompleteRestartCommand(id, operationId, 3_000, t), "system:restart-worker", null,
                "progress");
        await().atMost(WAIT).until(() -> types(events, id).contains("RestartCompleted")
                && types(events, id).stream().filter("NodeCertificateIssued"::equals).count() == nodes().size());
    }

    private HttpResponse<String> postAs(ServiceReplica service, Role role, String path, Object body)
            throws Exception {
        int port = ((WebServerApplicationContext) service.context()).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestTokens.bearer(role)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(objectMapper.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
