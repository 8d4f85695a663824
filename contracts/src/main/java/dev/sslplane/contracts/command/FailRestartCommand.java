package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks the running rolling restart as failed at a node; it waits for a retry. */
public record FailRestartCommand(
        @TargetAggregateIdentifier String instanceId,
        String operationId,
        String nodeName,
        String reason,
        Instant failedAt) {
}
