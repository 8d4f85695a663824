package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Turns TLS enforcement on (requireTLS, at run time) or off (back to preferTLS, with a rolling restart) while SSL is
 * Enabled. {@code operationId} names the operation this starts.
 */
public record SetTlsEnforcementCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                       boolean requireTls) {
}
