package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.commandservice.publishing.EventRecords;
import dev.sslplane.commandservice.publishing.EventSender;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Topics;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

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
                first.context().getBean(EventProcessingConfiguration.class).eventProcessor("kafka-publisher")
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

    /**
     * A publisher killed (or cut off from MongoDB) after Kafka acknowledged an event and before its token moved
     * resumes one event behind what Kafka holds: it must not send that event again.
     */
    @Test
    void aPublisherResumingBehindWhatKafkaHoldsSendsNoEventTwice() throws Exception {
        String id = newInstanceId();
        String later = newInstanceId();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS); var service = startService()) {
            postTo(service, "/api/v1/instances", registration(id), 201);
            await().atMost(WAIT).until(() -> published(events, id).equals(List.of(0L)));
            EventProcessor publisher = service.context().getBean(EventProcessingConfiguration.class)
                    .eventProcessor("kafka-publisher").orElseThrow();
            publisher.shutDown();
            postTo(service, "/api/v1/instances/" + id + "/ssl:enable", null, 202);
            // Kafka holds the event, the token does not know it: what a publisher killed in between leaves
            DomainEventMessage<?> enabled = service.context().getBean(EventStore.class).readEvents(id).asStream()
                    .filter(e -> e.getSequenceNumber() == 1).findFirst().orElseThrow();
            service.context().getBean(EventSender.class).sendAndWait(
                    service.context().getBean(EventRecords.class).toRecord(enabled).orElseThrow(), null);

            publisher.start();
            postTo(service, "/api/v1/instances", registration(later), 201);
            await().atMost(WAIT).until(() -> published(events, later).equals(List.of(0L)));

            assertThat(published(events, id)).containsExactly(0L, 1L);
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
                            return replica.post("/api/v1/instances/" + id + "/ssl:enable", null);
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

    private ServiceReplica startService() {
        return ServiceReplica.start(brokers(), DATABASE);
    }

    /** The sequences on ssl.events for the instance, in the order published. */
    private List<Long> published(KafkaTopicReader events, String instanceId) {
        return events.recordsWithKey(instanceId).stream()
                .map(r -> ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(r.value())).value().sequence()).toList();
    }

    private Set<Long> sequences(KafkaTopicReader events, String instanceId) {
        Set<Long> sequences = new TreeSet<>();
        events.recordsWithKey(instanceId).forEach(r -> sequences.add(
                ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(r.value())).value().sequence()));
        return sequences;
    }

    private void postTo(ServiceReplica service, String path, Object body, int expectedStatus) {
        try {
            var response = service.post(path, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
