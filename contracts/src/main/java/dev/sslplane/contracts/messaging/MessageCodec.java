package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The one JSON codec every service uses for Kafka records. Reading tolerates unknown fields, never throws,
 * and bounds nesting depth and string length so hostile records cannot exhaust a consumer.
 */
public final class MessageCodec {

    /** Deepest JSON nesting a record may have; real messages need fewer than ten levels. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest JSON string a record may carry; a PEM certificate is a few kilobytes. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private final ObjectMapper mapper;

    public MessageCodec() {
        this.mapper = newObjectMapper();
    }

    /** An {@link ObjectMapper} configured like the codec's own, for services that need one for the same types. */
    public static ObjectMapper newObjectMapper() {
        var mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        return mapper;
    }

    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** Wraps an event or progress report in its envelope. */
    public EventEnvelope envelope(
            Object payload, String eventId, String instanceId, Long sequence, Instant occurredAt, String actor,
            String operationId) {
        var type = MessageTypes.of(payload.getClass());
        return new EventEnvelope(type.name(), type.schemaVersion(), eventId, instanceId, sequence, occurredAt,
                actor, operationId, mapper.valueToTree(payload));
    }

    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an event envelope and checks the fields every consumer relies on. */
    public Decoded<EventEnvelope> decodeEnvelope(byte[] value) {
        Decoded<EventEnvelope> read = read(value, EventEnvelope.class);
        if (read instanceof Decoded.Ok<EventEnvelope> ok) {
            var e = ok.value();
            String missing = e.type() == null ? "type"
                    : e.eventId() == null ? "eventId"
                    : e.instanceId() == null ? "instanceId"
                    : e.occurredAt() == null ? "occurredAt"
                    : e.payload() == null || !e.payload().isObject() ? "payload" : null;
            if (missing != null) {
                return new Decoded.Malformed<>("envelope field '" + missing + "' is missing or invalid");
            }
        }
        return read;
    }

    /**
     * Reads the payload of an envelope as its registered record type.
     *
     * @return {@link Decoded.Ok} with the record, {@link Decoded.UnknownType} for a type this version does not
     *     know, or {@link Decoded.Malformed} when the payload does not fit its type
     */
    public Decoded<Object> decodePayload(EventEnvelope envelope) {
        var type = MessageTypes.byName(envelope.type());
        if (type.isEmpty()) {
            return new Decoded.UnknownType<>(envelope.type(), envelope.instanceId());
        }
        try {
            Object payload = mapper.treeToValue(envelope.payload(), type.get().payloadClass());
            if (!Objects.equals(instanceIdOf(payload), envelope.instanceId())) {
                return new Decoded.Malformed<>("payload instanceId does not match envelope instanceId");
            }
            return new Decoded.Ok<>(payload);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return new Decoded.Malformed<>("payload of " + envelope.type() + " is invalid: " + safeMessage(e));
        }
    }

    /** Reads envelope and payload in one step. */
    public Decoded<Object> decode(byte[] value) {
        Decoded<EventEnvelope> envelope = decodeEnvelope(value);
        if (envelope instanceof Decoded.Ok<EventEnvelope> ok) {
            return decodePayload(ok.value());
        }
        return new Decoded.Malformed<>(((Decoded.Malformed<EventEnvelope>) envelope).reason());
    }

    /** Reads any JSON message as the given type, never throwing. */
    public <T> Decoded<T> read(byte[] value, Class<T> type) {
        if (value == null || value.length == 0) {
            return new Decoded.Malformed<>("empty record value");
        }
        try {
            return new Decoded.Ok<>(mapper.readValue(value, type));
        } catch (IOException | RuntimeException e) {
            return new Decoded.Malformed<>("not a valid " + type.getSimpleName() + ": " + safeMessage(e));
        }
    }

    public <T> Decoded<T> read(JsonNode node, Class<T> type) {
        try {
            return new Decoded.Ok<>(mapper.treeToValue(node, type));
        } catch (IOException | RuntimeException e) {
            return new Decoded.Malformed<>("not a valid " + type.getSimpleName() + ": " + safeMessage(e));
        }
    }

    private static Object instanceIdOf(Object payload) {
        if (payload instanceof dev.sslplane.contracts.event.SslEvent e) {
            return e.instanceId();
        }
        if (payload instanceof dev.sslplane.contracts.progress.RestartProgressReport r) {
            return r.instanceId();
        }
        return null;
    }

    /** First line of the parser's message, without the echoed source it may append. */
    private static String safeMessage(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }
}
