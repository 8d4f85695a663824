package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the CA ("Update Certificate") and restarts every node with new certificates. Only while Enabled. */
public record RotateCertificateCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
