package dev.sslplane.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import dev.sslplane.security.Role;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.TestCaSigner;
import dev.sslplane.worker.support.WorkerStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/** The worker application on a real KRaft broker and a MongoDB-wire server, driven through ssl.events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartWorkerIT {

    private static final String DLT = "ssl.events.restart-worker.DLT";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Map<String, List<String>> sans = new ConcurrentHashMap<>();
    private final TestCaSigner signer = new TestCaSigner(sans::get, "Ed25519");
    private WorkerStack stack;
    private ConfigurableApplicationContext worker;
    private final List<ConsumerRecord<String, byte[]>> progress = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, byte[]> progressConsumer;
    private KafkaConsumer<String, byte[]> dltConsumer;

    @BeforeAll
    void start() {
        stack = new WorkerStack(3, DLT);
        // s of it-abort-failed does not start: an operation that fails, for the abort test
        worker = stack.startWorker(signer, Map.of("sslplane.worker.simulated.faults", "it-abort-failed/s=FAIL"));
        progressConsumer = stack.consumer(Topics.RESTART_PROGRESS);
        dltConsumer = stack.consumer(DLT);
    }

    @AfterAll
    void stop() {
        progressConsumer.close();
        dltConsumer.close();
        stack.close();
    }

    private void drain() {
        progressConsumer.poll(Duration.ofMillis(100)).forEach(progress::add);
        dltConsumer.poll(Duration.ofMillis(100)).forEach(deadLetters::add);
    }

    private List<EventEnvelope> envelopesOf(String operationId) {
        var result = new ArrayList<EventEnvelope>();
        for (var record : progress) {
            if (stack.codec.decodeEnvelope(record.value()) instanceof Decoded.Ok<EventEnvelope> ok
                    && operationId.equals(ok.value().operationId())) {
                result.add(ok.value());
            }
        }
        return result;
    }

    private boolean completed(String operationId) {
        drain();
        return envelopesOf(operationId).stream().anyMatch(e -> e.type().equals("RestartCompletedReport"));
    }

    private dev.sslplane.contracts.event.SslEnabledEvent enable(String instanceId, String operationId) {
        List<NodeSpec> nodes = Events.threeNodes(27_300);
        nodes.forEach(n -> sans.put(instanceId + "/" + n.name(), n.subjectAltNames()));
        return Events.enabled(instanceId, operationId, signer.ca(instanceId), nodes);
    }

    @Test
    void anEnableEventBecomesProgressReportsOnTheProgressTopic() {
        stack.publish(enable("it-enable", "op-it-enable"), 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-enable"));

        List<EventEnvelope> envelopes = envelopesOf("op-it-enable");
        var steps = java.util.Collections.nCopies(6, List.of("NodeRestartStartedReport", "NodeRestartedReport"))
                .stream().flatMap(List::stream).toList();
        assertThat(envelopes.stream().map(EventEnvelope::type)).as("two passes over three nodes")
                .containsExactlyElementsOf(java.util.stream.Stream.concat(steps.stream(),
                        java.util.stream.Stream.of("RestartCompletedReport")).toList());
        assertThat(envelopes.get(0).eventId()).isEqualTo("it-enable/op-it-enable/NodeRestartStartedReport/1/h#1");
        EventEnvelope last = envelopes.get(envelopes.size() - 1);
        assertThat(last.instanceId()).isEqualTo("it-enable");
        assertThat(last.actor()).isEqualTo("system:restart-worker");
        assertThat(last.sequence()).isNull();
        assertThat(last.eventId()).isEqualTo("it-enable/op-it-enable/RestartCompletedReport/*#1");
        var payload = stack.codec.decodePayload(last);
        assertThat(payload).isInstanceOf(Decoded.Ok.class);
        assertThat(((Decoded.Ok<Object>) payload).value()).isInstanceOf(RestartCompletedReport.class);
        var record = progress.stream().filter(r -> "it-enable".equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader(Headers.OPERATION_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo("op-it-enable");
        assertThat(progress.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .noneMatch(v -> v.contains("PRIVATE KEY"));
    }

    @Test
    void aRedeliveredStartEventRunsTheRestartOnce() {
        var event = enable("it-dup", "op-it-dup");
        stack.publish(event, 1);
        stack.publish(event, 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-dup"));
        stack.publish(event, 1);
        stack.flush();
        // a marker event after the redelivery proves the redelivery was consumed
        stack.publish(enable("it-dup-marker", "op-it-dup-marker"), 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-dup-marker"));
        assertThat(envelopesOf("op-it-dup").stream().filter(e -> e.type().equals("RestartCompletedReport")))
                .hasSize(1);
        assertThat(envelopesOf("op-it-dup").stream().filter(e -> e.type().equals("NodeRestartStartedReport")))
                .hasSize(6);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndOtherEventsSkipped() {
        stack.publishRaw("it-bad", "{not json".getBytes(StandardCharsets.UTF_8));
        var noNodes = enable("it-no-nodes", "op-it-no-nodes");
        stack.publish(new dev.sslplane.contracts.event.SslEnabledEvent("it-no-nodes", "op-it-no-nodes", noNodes.ca(),
                List.of(), 1, "4.0", false, noNodes.passes()), 1);
        var noTarget = enable("it-no-target", "op-it-no-target");
        stack.publish(new dev.sslplane.contracts.event.SslEnabledEvent("it-no-target", "op-it-no-target",
                noTarget.ca(), noTarget.nodes(), 1, "4.0", false, noTarget.passes(),
                new NodeOperatorTarget("systemd", null)), 1);
        stack.publish(new NodeRestartedEvent("it-other", "op-x", "p", 10, Instant.now(), 1, null), 4);
        stack.publish(new dev.sslplane.contracts.event.OperationAbortRequestedEvent("it-bad-abort", "no such id!",
                dev.sslplane.contracts.model.OperationKind.ENABLE, Instant.now()), 2);
        var rotation = Events.rotated("it-bad-rollback", "op-it-rotated", signer.ca("it-bad-rollback"),
                signer.ca("it-bad-rollback"), enable("it-bad-rollback", "op-x").nodes(),
                dev.sslplane.contracts.model.TlsMode.PREFER, false);
        var rollback = Events.rollingBack(rotation, "op-it-bad-rollback", 2,
                dev.sslplane.contracts.model.TlsMode.PREFER, signer.ca("it-bad-rollback"), null);
        stack.publish(rollback, 3); // trusts both CAs in its first pass but carries one
        stack.publish(enable("it-after-bad", "op-it-after-bad"), 1);
        stack.flush();

        await().atMost(WAIT).until(() -> completed("op-it-after-bad") && deadLetters.size() >= 5);
        assertThat(deadLetters).extracting(ConsumerRecord::key).contains("it-bad", "it-no-nodes", "it-no-target",
                "it-bad-abort", "it-bad-rollback");
        assertThat(deadLetterReason("it-bad-abort")).contains("operationId");
        assertThat(deadLetterReason("it-bad-rollback")).contains("previous CA");
        assertThat(deadLetterReason("it-no-nodes")).contains("between 1 and 50 nodes");
        assertThat(deadLetterReason("it-no-target")).contains("node operator target is incomplete",
                "operator.systemd is missing");
        assertThat(envelopesOf("op-x")).isEmpty();
    }

    private long reportsOf(String operationId, String type) {
        drain();
        return envelopesOf(operationId).stream().filter(e -> e.type().equals(type)).count();
    }

    @Test
    void anAbortAskedForAFailedOperationEndsItsJobWithOneStoppedReport() {
        var event = enable("it-abort-failed", "op-it-abort-failed");
        stack.publish(event, 1);
        stack.flush();
        await().atMost(WAIT).until(() -> reportsOf("op-it-abort-failed", "RestartFailedReport") == 1);

        var abort = Events.abortRequested(event);
        stack.publish(abort, 2);
        stack.publish(abort, 2); // redelivered
        stack.flush();
        await().atMost(WAIT).until(() -> reportsOf("op-it-abort-failed", "OperationStoppedReport") == 1);
        // a marker after the redelivery proves it was consumed
        stack.publish(enable("it-abort-marker", "op-it-abort-marker"), 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-abort-marker"));

        assertThat(reportsOf("op-it-abort-failed", "OperationStoppedReport")).isEqualTo(1);
        EventEnvelope stopped = envelopesOf("op-it-abort-failed").stream()
                .filter(e -> e.type().equals("OperationStoppedReport")).findFirst().orElseThrow();
        assertThat(stopped.eventId()).isEqualTo("it-abort-failed/op-it-abort-failed/OperationStoppedReport/*#1");
        assertThat(reportsOf("op-it-abort-failed", "NodeRestartStartedReport")).as("no step after the abort")
                .isEqualTo(2);
        Answer job = call("/api/v1/jobs/op-it-abort-failed", Role.VIEWER);
        assertThat(job.body().path("state").asText()).isEqualTo("ABORTED");
        assertThat(job.body().path("abortRequested").asBoolean()).isTrue();

        // the command side records the abort (delivered twice): the nodes are read back and reported once
        var aborted = new OperationAbortedEvent(event.instanceId(), event.operationId(), OperationKind.ENABLE,
                "RUNNING", Instant.now(), List.of(), true, SslStatus.DISABLED, TlsMode.DISABLED, null);
        stack.publish(aborted, 3);
        stack.publish(aborted, 3);
        stack.publish(enable("it-abort-marker-2", "op-it-abort-marker-2"), 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-abort-marker-2")
                && reportsOf("op-it-abort-failed", "NodeStatesObservedReport") >= 1);
        assertThat(reportsOf("op-it-abort-failed", "NodeStatesObservedReport")).isEqualTo(1);
        EventEnvelope observed = envelopesOf("op-it-abort-failed").stream()
                .filter(e -> e.type().equals("NodeStatesObservedReport")).findFirst().orElseThrow();
        assertThat(observed.eventId()).isEqualTo("it-abort-failed/op-it-abort-failed/NodeStatesObservedReport/*#1");
    }

    private String deadLetterReason(String key) {
        var reason = deadLetters.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow()
                .headers().lastHeader(Headers.DLT_REASON);
        return new String(reason.value(), StandardCharsets.UTF_8);
    }

    @Test
    void healthIsPublicButItsDetailsAreForAdmins() {
        JsonNode health = call("/actuator/health", null).body();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("restartJobs").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("restartJobs").has("details")).isFalse();
        JsonNode detailed = call("/actuator/health", Role.ADMIN).body();
        assertThat(detailed.path("components").path("restartJobs").path("details").has("worker")).isTrue();
        assertThat(call("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(call("/actuator/info", null).status()).isEqualTo(200);
    }

    @Test
    void metricsNeedAMetricsOrAdminToken() {
        Answer anonymous = call("/actuator/metrics/restart.jobs.running", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.wwwAuthenticate()).startsWith("Bearer");
        for (Role notAdmin : List.of(Role.VIEWER, Role.OPERATOR, Role.AUDITOR, Role.WORKER)) {
            Answer refused = call("/actuator/prometheus", notAdmin);
            assertThat(refused.status()).as(notAdmin.name()).isEqualTo(403);
            assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
        }
        Answer running = call("/actuator/metrics/restart.jobs.running", Role.ADMIN);
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.body().path("measurements").isArray()).isTrue();
        for (Role scraper : List.of(Role.METRICS, Role.ADMIN)) {
            Answer prometheus = call("/actuator/prometheus", scraper);
            assertThat(prometheus.status()).as(scraper.name()).isEqualTo(200);
            assertThat(prometheus.raw()).contains("restart_jobs_running");
            stack.tokens.values().forEach(token -> assertThat(prometheus.raw()).doesNotContain(token));
        }
        // the scraper's token reads metrics only
        assertThat(call("/api/v1/jobs/nope", Role.METRICS).status()).isEqualTo(403);
        assertThat(call("/actuator/env", Role.METRICS).status()).isEqualTo(403);
    }

    @Test
    void environmentAndConfigurationAreNotExposedEvenToAdmins() {
        for (String endpoint : List.of("/actuator/env", "/actuator/configprops", "/actuator/beans",
                "/actuator/heapdump")) {
            assertThat(call(endpoint, Role.ADMIN).status()).as(endpoint).isEqualTo(404);
            assertThat(call(endpoint, null).status()).as(endpoint).isEqualTo(401);
        }
    }

    @Test
    void aJobNeedsAViewerTokenAndUnknownTokensAreRefused() {
        Answer anonymous = call("/api/v1/jobs/nope", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        Answer unknown = callWith("/api/v1/jobs/nope", "sslp_not-a-configured-token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(unknown.raw()).doesNotContain("sslp_not-a-configured-token");
        Answer worker = call("/api/v1/jobs/nope", Role.WORKER);
        assertThat(worker.status()).as("the worker role only has certificates signed").isEqualTo(403);
        for (Role reader : List.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN)) {
            Answer missing = call("/api/v1/jobs/nope", reader);
            assertThat(missing.status()).as(reader.name()).isEqualTo(404);
            assertThat(missing.body().path("code").asText()).isEqualTo("JOB_NOT_FOUND");
        }

        stack.publish(enable("it-api", "op-it-api"), 1);
        stack.flush();
        await().atMost(WAIT).until(() -> completed("op-it-api"));
        Answer job = call("/api/v1/jobs/op-it-api", Role.VIEWER);
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.body().path("instanceId").asText()).isEqualTo("it-api");
        assertThat(job.raw()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void refusesToStartWithoutANodeOperator() {
        assertThatThrownBy(() -> stack.startWorker(signer, Map.of("sslplane.worker.node-operator", "")))
                .hasStackTraceContaining(
                        "sslplane.worker.node-operator (SSLPLANE_WORKER_NODE_OPERATOR) must list the node operators");
    }

    @Test
    void refusesTheSimulatedOperatorOutsideTheLocalAndDevProfiles() {
        assertThatThrownBy(() -> stack.startWorker(signer, Map.of("spring.profiles.active", "production")))
                .hasStackTraceContaining("sslplane.worker.node-operator=simulated drives no real node")
                .hasStackTraceContaining("'local' or 'dev' profile");
        assertThatThrownBy(() -> stack.startWorker(signer, Map.of("sslplane.worker.node-operator", "systemd,simulated")))
                .hasStackTraceContaining("simulated cannot be served with other operators");
    }

    @Test
    void refusesToStartWithoutACredentialSource() {
        assertThatThrownBy(() -> stack.startWorker(signer, Map.of("sslplane.security.tokens-file", "")))
                .hasStackTraceContaining("no credentials configured");
    }

    private record Answer(int status, JsonNode body, String raw, String wwwAuthenticate) {
    }

    private Answer call(String path, Role role) {
        return callWith(path, role == null ? null : stack.token(role));
    }

    private Answer callWith(String path, String token) {
        int port = Integer.parseInt(worker.getEnvironment().getProperty("local.server.port"));
        var request = WebClient.create("http://127.0.0.1:" + port).get().uri(path);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(raw -> {
            JsonNode body;
            try {
                body = raw.startsWith("{") ? JSON.readTree(raw) : JSON.missingNode();
            } catch (java.io.IOException e) {
                body = JSON.missingNode();
            }
            return new Answer(r.statusCode().value(), body, raw,
                    r.headers().asHttpHeaders().getFirst("WWW-Authenticate"));
        })).block(Duration.ofSeconds(30));
    }

    @SuppressWarnings("unused")
    private static boolean isReport(Object o) {
        return o instanceof RestartProgressReport;
    }
}
