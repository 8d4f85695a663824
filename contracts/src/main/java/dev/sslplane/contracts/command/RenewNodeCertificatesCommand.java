package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Renews every node's certificate under the current CA, with one rolling restart; the CA stays, so clients change
 * nothing. Only while Enabled and no operation runs.
 */
public record RenewNodeCertificatesCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
