package dev.sslplane.commandservice.publishing;

import dev.sslplane.contracts.event.SslEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forwards every domain event to {@code ssl.events}. Runs in the tracking processor
 * {@value #PROCESSING_GROUP}, whose token lives in the Mongo token store: the token moves only after Kafka
 * acknowledged the event, so a Kafka outage makes the processor retry (errors propagate, see
 * {@link PublishingConfiguration}) and a restart resumes where it stopped. At-least-once: a crash between the
 * acknowledgement and the token update, or a send whose acknowledgement was lost, would re-send an event;
 * {@link PublishedSequences} knows it is on the topic and skips it (consumers still deduplicate by event id /
 * sequence, as any consumer of Kafka must). That takes a producer that never delivers a send after the publisher
 * counted it as failed: {@link DeliveryWindow} checks the timeouts at start.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final EventRecords records;
    private final EventSender sender;
    private final PublishedSequences published;

    KafkaEventPublisher(EventRecords records, EventSender sender, PublishedSequences published) {
        this.records = records;
        this.sender = sender;
        this.published = published;
    }

    @EventHandler
    void on(SslEvent event, DomainEventMessage<?> message) {
        long sequence = message.getSequenceNumber();
        if (published.isPublished(event.instanceId(), sequence)) {
            log.info("Not sending event {} of {} again: it is already on ssl.events", sequence, event.instanceId());
            return;
        }
        records.toRecord(message).ifPresent(record -> {
            try {
                sender.sendAndWait(record, message.getTimestamp());
            } catch (RuntimeException e) {
                // Not acknowledged is not "not stored": Kafka may hold it and the acknowledgement was lost (a broker
                // killed after its append). The retry reads the topic's tail first instead of sending it again.
                published.forget();
                throw e;
            }
            published.published(event.instanceId(), sequence);
        });
    }
}
