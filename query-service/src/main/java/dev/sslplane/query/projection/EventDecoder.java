package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;

/** Reads {@code ssl.events} record values with the contracts' codec; never throws. */
public class EventDecoder {

    private final MessageCodec codec;

    public EventDecoder(MessageCodec codec) {
        this.codec = codec;
    }

    /**
     * @return {@link Decoded.Ok} with the event (or an unknown-type event with a {@code null} payload), or
     *     {@link Decoded.Malformed} with a reason that is safe to log
     */
    public Decoded<ProjectedEvent> decode(byte[] value) {
        Decoded<EventEnvelope> envelope = codec.decodeEnvelope(value);
        if (envelope instanceof Decoded.Malformed<EventEnvelope> bad) {
            return new Decoded.Malformed<>(bad.reason());
        }
        EventEnvelope env = ((Decoded.Ok<EventEnvelope>) envelope).value();
        if (env.sequence() == null || env.sequence() < 0) {
            return new Decoded.Malformed<>("envelope field 'sequence' is missing or negative");
        }
        Decoded<Object> payload = codec.decodePayload(env);
        if (payload instanceof Decoded.Malformed<Object> bad) {
            return new Decoded.Malformed<>(bad.reason());
        }
        if (payload instanceof Decoded.UnknownType<Object>) {
            return new Decoded.Ok<>(new ProjectedEvent(env, null));
        }
        Object value1 = ((Decoded.Ok<Object>) payload).value();
        if (!(value1 instanceof SslEvent event)) {
            // a progress report or command on the events topic is a producer bug, not an event
            return new Decoded.Malformed<>("type " + env.type() + " is not an event");
        }
        return new Decoded.Ok<>(new ProjectedEvent(env, event));
    }
}
