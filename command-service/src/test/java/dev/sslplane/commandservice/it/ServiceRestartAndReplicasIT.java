package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.CommandServiceApplication;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole service instances started and stopped like processes, on one MongoDB database of their own and the
 * shared broker: publishing resumes after a restart from the stored token with no event lost, and two replicas
 * racing on one instance accept exactly one Enable.
 */
class ServiceRestartAndReplicasIT extends IntegrationTestBase {

    private static final String DATABASE = "restart_it";

    @Test
    void publishingResumesAfterARestartWithNoEventLost() {
        String before = newInstanceId();
        String during = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            try (var first = startService()) {
                postTo(first, "/api/v1/instances", registration(before), 201);
                postTo(first, "/api/v1/instances/" + before + "/ssl:enable", null, 202);
                await().atMost(WAIT).until(() -> sequences(events, before).equals(Set.of(0L, 1L)));

                // Publishing stops (as if Kafka were unreachable); commands are still accepted and stored.
                first.getBean(EventProcessingConfiguration.class).eventProcessor("kafka-publisher")
                        .ifPresent(EventProcessor::shutDown);
                postTo(first, "/api/v1/instances", registration(during), 201);
                postTo(first, "/api/v1/instances/" + during + "/ssl:enable", null, 202);
                postTo(first, "/api/v1/instances/" + during + "/ssl:enable", null, 409);
                assertThat(sequences(events, during)).isEmpty();
            }
            try (var second = startService()) {
                await().atMost(WAIT).until(() -> sequences(events, during).equals(Set.of(0L, 1L)));
                assertThat(sequences(events, before)).containsExactly(0L, 1L);
                postTo(second, "/api/v1/instances/" + during + "/ssl:enable", null, 409);
            }
        }
    }

    @Test
    void twoReplicasRacingOnOneInstanceAcceptExactlyOneEnable() throws Exception {
        String id = newInstanceId();
        try (var a = startService(); var b = startService()) {
            postTo(a, "/api/v1/instances", registration(id), 201);
            int requests = 8;
            var pool = Executors.newFixedThreadPool(requests);
            try {
                var start = new CountDownLatch(1);
                var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
                for (int i = 0; i < requests; i++) {
                    var replica = i % 2 == 0 ? a : b;
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return send(replica, "/api/v1/instances/" + id + "/ssl:enable", null);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                start.countDown();
                List<HttpResponse<String>> responses = new ArrayList<>();
                for (var answer : answers) {
                    responses.add(answer.get(60, TimeUnit.SECONDS));
                }
                assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
                assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                        .hasSize(requests - 1)
                        .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"OPERATION_IN_PROGRESS\""));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers(),
                "--sslplane.mongodb.uri=" + TestMongo.uri(DATABASE),
                "--sslplane.vault.database=" + DATABASE + "_vault",
                "--sslplane.vault.master-key=" + MASTER_KEY,
                "--sslplane.pki.key-algorithm=EC_P256",
                "--sslplane.kafka.partitions=2",
                "--sslplane.security.tokens-file=" + TestTokens.hashedFile(),
                // this IT drives the instances over REST only; the shared context owns the Kafka intake
                "--sslplane.kafka.listeners-auto-startup=false",
                "--logging.level.org.apache.kafka=WARN",
                "--spring.jmx.enabled=false");
    }

    private Set<Long> sequences(KafkaTopicReader events, String instanceId) {
        Set<Long> sequences = new TreeSet<>();
        events.recordsWithKey(instanceId).forEach(r -> sequences.add(
                ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(r.value())).value().sequence()));
        return sequences;
    }

    private void postTo(ConfigurableApplicationContext service, String path, Object body, int expectedStatus) {
        try {
            var response = send(service, path, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(ConfigurableApplicationContext service, String path, Object body)
            throws Exception {
        int servicePort = ((WebServerApplicationContext) service).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + path))
                .header("Authorization", TestTokens.bearer(dev.sslplane.security.Role.OPERATOR))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
