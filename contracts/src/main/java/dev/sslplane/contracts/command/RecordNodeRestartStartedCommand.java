package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Folds a worker's "node restart started" report into the aggregate. Duplicates change nothing. */
public record RecordNodeRestartStartedCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, String nodeName, Instant startedAt) {
}
