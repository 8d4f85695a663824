package dev.sslplane.commandservice.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.samples.SampleMessages;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    private final MessageCodec codec = new MessageCodec();
    private final EventRecords records = new EventRecords(codec);

    @Test
    void aDomainEventBecomesAnEnvelopeKeyedByInstanceWithCorrelationHeaders() {
        var event = (SslEnabledEvent) SampleMessages.all().get("SslEnabled");
        var message = new GenericDomainEventMessage<>("SslConfiguration", event.instanceId(), 7L, event,
                MetaData.from(Map.of("actor", "alice", "commandId", "cmd-1")));

        var record = records.toRecord(message).orElseThrow();

        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(record.key()).isEqualTo(event.instanceId());
        EventEnvelope envelope = ((Decoded.Ok<EventEnvelope>) codec.decodeEnvelope(record.value())).value();
        assertThat(envelope.type()).isEqualTo("SslEnabled");
        assertThat(envelope.eventId()).isEqualTo(message.getIdentifier());
        assertThat(envelope.sequence()).isEqualTo(7L);
        assertThat(envelope.occurredAt()).isEqualTo(message.getTimestamp());
        assertThat(envelope.actor()).isEqualTo("alice");
        assertThat(envelope.operationId()).isEqualTo(event.operationId());
        assertThat(codec.decodePayload(envelope)).isEqualTo(new Decoded.Ok<>(event));
        assertThat(header(record, Headers.COMMAND_ID)).isEqualTo("cmd-1");
        assertThat(header(record, Headers.OPERATION_ID)).isEqualTo(event.operationId());
        assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo("SslEnabled");
        // SslEnabled v5: the operation's node-certificate validity
        assertThat(header(record, Headers.SCHEMA_VERSION)).isEqualTo("5");
    }

    @Test
    void everySampleEventTypeIsPublishableAndActorDefaultsToTheService() {
        SampleMessages.all().values().stream()
                .filter(p -> p instanceof dev.sslplane.contracts.event.SslEvent)
                .forEach(p -> {
                    var event = (dev.sslplane.contracts.event.SslEvent) p;
                    var record = records.toRecord(
                            new GenericDomainEventMessage<>("SslConfiguration", event.instanceId(), 0L, event));
                    assertThat(record).isPresent();
                    assertThat(header(record.get(), Headers.ACTOR)).isEqualTo(EventRecords.SYSTEM_ACTOR);
                });
    }

    @Test
    void somethingThatIsNotAContractsEventIsNeverPublished() {
        assertThat(records.toRecord(new GenericDomainEventMessage<>("X", "rs-1", 0L, "internal"))).isEmpty();
        assertThat(records.toRecord(GenericEventMessage.asEventMessage(SampleMessages.all().get("SslEnabled"))))
                .isEmpty();
    }

    private static String header(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record, String n) {
        var header = record.headers().lastHeader(n);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
