package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;

/** The rolling restart stopped at {@code nodeName}; the operation waits for a retry. */
public record RestartFailedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        String nodeName,
        String reason,
        Instant failedAt) implements SslEvent {
}
