package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stops a running operation after the node in progress, or ends a failed one or a rotation waiting for its clients.
 * Aborting an operation that is already aborting, or was aborted, changes nothing.
 */
public record AbortOperationCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
