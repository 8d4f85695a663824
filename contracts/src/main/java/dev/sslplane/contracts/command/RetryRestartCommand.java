package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resumes a failed rolling restart at the node that failed. */
public record RetryRestartCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
