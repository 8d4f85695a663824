package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;

/**
 * A scheduled operation was cancelled before it started; the instance is free for other operations. Who cancelled
 * it travels as the event's actor (metadata and the {@code ssl.events} envelope), as for every event.
 */
public record ScheduledOperationCancelledEvent(String instanceId, String operationId, OperationKind kind)
        implements SslEvent {
}
