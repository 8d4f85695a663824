package dev.sslplane.query.projection;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.query.readmodel.ReadModelStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * The live projection: a Spring Kafka batch listener on {@code ssl.events}. It runs on the container's own
 * thread, never on a WebFlux event loop, so it may wait for each batch's MongoDB writes before the offsets are
 * committed (at-least-once; the projection is idempotent).
 */
@Component
public class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final EventDecoder decoder;
    private final ProjectionService projection;
    private final ReadModelStore store;
    private final ProjectionMetrics metrics;

    public EventsListener(EventDecoder decoder, ProjectionService projection, ReadModelStore store,
                          ProjectionMetrics metrics) {
        this.decoder = decoder;
        this.projection = projection;
        this.store = store;
        this.metrics = metrics;
    }

    @KafkaListener(id = "${sslplane.query.kafka.listener-id}", idIsGroup = false,
            topics = "${sslplane.query.kafka.events-topic}",
            autoStartup = "${sslplane.query.kafka.auto-startup:true}")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        var events = new ArrayList<ProjectedEvent>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Decoded<ProjectedEvent> decoded = decoder.decode(record.value());
            if (decoded instanceof Decoded.Ok<ProjectedEvent> ok) {
                events.add(ok.value());
            } else {
                String reason = ((Decoded.Malformed<ProjectedEvent>) decoded).reason();
                log.warn("Unreadable record {}-{}@{}: {}; sending it to the dead-letter topic", record.topic(),
                        record.partition(), record.offset(), reason);
                metrics.malformed();
                // the records before it are projected (their offsets get committed); the error handler
                // dead-letters this one and redelivers the rest
                project(events);
                throw new BatchListenerFailedException(reason, new MalformedEventException(reason), i);
            }
        }
        project(events);
    }

    private void project(List<ProjectedEvent> events) {
        if (!events.isEmpty()) {
            projection.project(events, store.active(), true).block(WRITE_TIMEOUT);
        }
    }
}
