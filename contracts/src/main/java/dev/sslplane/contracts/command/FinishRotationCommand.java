package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Runs the last pass of a rotation that waits for clients: every node then trusts the new CA alone. */
public record FinishRotationCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
