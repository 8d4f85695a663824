package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Folds a worker's "node restarted" report (with the measured unreachable time) into the aggregate. */
public record RecordNodeRestartedCommand(
        @TargetAggregateIdentifier String instanceId,
        String operationId,
        String nodeName,
        long unreachableMillis,
        Instant restartedAt) {
}
