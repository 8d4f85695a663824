package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks the running rolling restart as finished: every node restarted and healthy. */
public record CompleteRestartCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, long totalMillis, Instant completedAt) {
}
