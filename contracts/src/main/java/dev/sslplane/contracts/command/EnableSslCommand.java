package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switches SSL on: issue a new CA and restart every node with TLS. Allowed only while SSL is Disabled. */
public record EnableSslCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
