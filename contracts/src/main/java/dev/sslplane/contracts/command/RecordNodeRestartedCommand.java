package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeObservation;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Folds a worker's "node step done" report (downtime, the node as read back) into the aggregate. */
public record RecordNodeRestartedCommand(
        @TargetAggregateIdentifier String instanceId,
        String operationId,
        String nodeName,
        long unreachableMillis,
        Instant restartedAt,
        int pass,
        NodeObservation observed) {
}
