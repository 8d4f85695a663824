package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;

/** Every node restarted and passed its health check; the operation is over. */
public record RestartCompletedEvent(
        String instanceId, String operationId, OperationKind kind, long totalMillis, Instant completedAt)
        implements SslEvent {
}
