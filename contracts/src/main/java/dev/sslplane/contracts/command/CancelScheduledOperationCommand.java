package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an operation that is scheduled and has not started; cancelling it again changes nothing. */
public record CancelScheduledOperationCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
