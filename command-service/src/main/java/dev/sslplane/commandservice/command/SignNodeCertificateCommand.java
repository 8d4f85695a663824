package dev.sslplane.commandservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Internal command: a restart worker relays a node's CSR for signing. Handled by the aggregate so the rules
 * (operation running, node registered) are checked against the same state as every other command. The
 * certificate is the answer; its public facts become a {@code NodeCertificateIssuedEvent}.
 */
public record SignNodeCertificateCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, String nodeName, String csrPem) {
}
