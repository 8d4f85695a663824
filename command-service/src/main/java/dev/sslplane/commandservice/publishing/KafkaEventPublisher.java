package dev.sslplane.commandservice.publishing;

import dev.sslplane.contracts.event.SslEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Forwards every domain event to {@code ssl.events}. Runs in the tracking processor
 * {@value #PROCESSING_GROUP}, whose token lives in the Mongo token store: the token moves only after Kafka
 * acknowledged the event, so a Kafka outage makes the processor retry (errors propagate, see
 * {@link PublishingConfiguration}) and a restart resumes where it stopped. At-least-once: a crash between the
 * acknowledgement and the token update re-sends an event, which consumers drop by event id / sequence.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";

    private final EventRecords records;
    private final EventSender sender;

    KafkaEventPublisher(EventRecords records, EventSender sender) {
        this.records = records;
        this.sender = sender;
    }

    @EventHandler
    void on(SslEvent event, EventMessage<?> message) {
        records.toRecord(message).ifPresent(record -> sender.sendAndWait(record, message.getTimestamp()));
    }
}
