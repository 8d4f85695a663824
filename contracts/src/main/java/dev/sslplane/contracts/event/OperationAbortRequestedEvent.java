package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;

/**
 * Abort of a running operation was asked for: the worker runs no further step once the one in progress is done,
 * then reports that it stopped, and the operation is aborted ({@link OperationAbortedEvent}). Who asked travels as
 * the event's actor.
 */
public record OperationAbortRequestedEvent(String instanceId, String operationId, OperationKind kind,
                                           Instant requestedAt) implements SslEvent {
}
