package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;

/**
 * The operation stopped at {@code nodeName} in pass {@code pass}; it waits for a retry.
 *
 * @param code a {@link dev.sslplane.contracts.model.NodeFailureCode} name ({@code null} in older events)
 */
public record RestartFailedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        String nodeName,
        String reason,
        Instant failedAt,
        Integer pass,
        String code) implements SslEvent {

    public RestartFailedEvent {
        pass = pass == null || pass < 1 ? 1 : pass;
    }
}
