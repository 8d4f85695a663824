package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Topics;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin endpoint re-sends the whole event store with the original event ids and sequences. */
class RepublishIT extends IntegrationTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    /** A failed Kafka send must fail the handler (not be logged and skipped) so the token does not move on. */
    @Test
    void thePublisherIsATrackingProcessorThatPropagatesFailedSends() {
        var publisher = processing.eventProcessor("kafka-publisher", TrackingEventProcessor.class);
        assertThat(publisher).isPresent();
        assertThat(publisher.get().isRunning()).isTrue();
        assertThat(processing.listenerInvocationErrorHandler("kafka-publisher"))
                .isSameAs(PropagatingErrorHandler.instance());
    }

    @Test
    void republishSendsEveryStoredEventAgainWithTheSameIdentity() {
        String id = newInstanceId();
        register(id);
        enable(id);
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() == 2);

            var started = post("/api/v1/admin/republish", null);
            assertThat(started.statusCode()).isIn(202, 409);
            await().atMost(WAIT).until(() -> "COMPLETED".equals(json(get("/api/v1/admin/republish")).get("state").asText())
                    && events.recordsWithKey(id).size() == 4);
            var status = json(get("/api/v1/admin/republish"));
            assertThat(status.get("eventsPublished").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(status.get("finishedAt").isNull()).isFalse();

            List<EventEnvelope> envelopes = events.recordsWithKey(id).stream()
                    .map(r -> ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(r.value())).value()).toList();
            assertThat(envelopes.subList(2, 4)).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(envelopes.subList(0, 2));
        }
    }
}
