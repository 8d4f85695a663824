package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts the operation {@code operationId} that brings the nodes of the aborted operation
 * {@code abortedOperationId} back to the mode and CA they had before it. A redelivery (same {@code operationId})
 * changes nothing.
 */
public record RollBackOperationCommand(@TargetAggregateIdentifier String instanceId, String abortedOperationId,
                                       String operationId) {
}
