package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;

/**
 * A decoded record of {@code ssl.events}: the envelope, and the event itself or {@code null} when this version
 * does not know the type (it still advances the instance's sequence, so it is not mistaken for a gap).
 */
public record ProjectedEvent(EventEnvelope envelope, SslEvent event) {

    public long sequence() {
        return envelope.sequence();
    }

    public String instanceId() {
        return envelope.instanceId();
    }

    public boolean known() {
        return event != null;
    }
}
