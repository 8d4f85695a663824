package dev.sslplane.commandservice.publishing;

import dev.sslplane.commandservice.config.EventStoreConfiguration;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Turns a stored Axon event into its {@code ssl.events} record: key = instance id, value = {@link EventEnvelope}
 * with the Axon event id and aggregate sequence (so consumers deduplicate and order by them), correlation in
 * headers. Only the contracts' {@link SslEvent} types are ever published.
 */
@Component
public class EventRecords {

    /** Actor of events whose command carried none. */
    public static final String SYSTEM_ACTOR = "system:command-service";

    private final MessageCodec codec;

    public EventRecords(MessageCodec codec) {
        this.codec = codec;
    }

    /** The record for a published event type; empty for anything that is not a contracts {@link SslEvent}. */
    public Optional<ProducerRecord<String, byte[]>> toRecord(EventMessage<?> message) {
        if (!(message.getPayload() instanceof SslEvent event) || !(message instanceof DomainEventMessage<?> domain)) {
            return Optional.empty();
        }
        String actor = metaDataString(message, EventStoreConfiguration.ACTOR).orElse(SYSTEM_ACTOR);
        String operationId = event.operationId();
        EventEnvelope envelope = codec.envelope(event, message.getIdentifier(), event.instanceId(),
                domain.getSequenceNumber(), message.getTimestamp(), actor, operationId);
        var record = new ProducerRecord<String, byte[]>(Topics.EVENTS, event.instanceId(), codec.encode(envelope));
        header(record, Headers.MESSAGE_TYPE, envelope.type());
        header(record, Headers.SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
        header(record, Headers.ACTOR, actor);
        if (operationId != null) {
            header(record, Headers.OPERATION_ID, operationId);
        }
        metaDataString(message, EventStoreConfiguration.COMMAND_ID).ifPresent(id -> header(record, Headers.COMMAND_ID, id));
        return Optional.of(record);
    }

    private static Optional<String> metaDataString(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
