package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeRole;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Folds a worker's "node step started" report into the aggregate. Duplicates change nothing.
 *
 * @param stepTimeout the timeout the worker applies to the step; {@code null} when the report did not carry it
 */
public record RecordNodeRestartStartedCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, String nodeName, Instant startedAt,
        int pass, NodeRole role, Duration stepTimeout) {

    /** A report without the step timeout. */
    public RecordNodeRestartStartedCommand(String instanceId, String operationId, String nodeName,
                                           Instant startedAt, int pass, NodeRole role) {
        this(instanceId, operationId, nodeName, startedAt, pass, role, null);
    }
}
