package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeRole;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Folds a worker's "node step started" report into the aggregate. Duplicates change nothing. */
public record RecordNodeRestartStartedCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, String nodeName, Instant startedAt,
        int pass, NodeRole role) {
}
