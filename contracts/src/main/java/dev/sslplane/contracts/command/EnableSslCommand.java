package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Switches SSL on: issue a new CA, move every node to allowTLS (rolling restart), then preferTLS at run time, and
 * with {@code requireTls} ("force encryption") on to requireTLS. Allowed only while SSL is Disabled.
 */
public record EnableSslCommand(@TargetAggregateIdentifier String instanceId, String operationId, boolean requireTls) {
}
