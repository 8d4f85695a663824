package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switches SSL off: restart every node without TLS. Allowed only while SSL is Enabled. */
public record DisableSslCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
