package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks the running operation as failed at a node's step; it waits for a retry. */
public record FailRestartCommand(
        @TargetAggregateIdentifier String instanceId,
        String operationId,
        String nodeName,
        String reason,
        Instant failedAt,
        int pass,
        String code) {
}
