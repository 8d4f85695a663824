package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the CA ("Update Certificate") in three passes with no outage. With {@code holdOldCa} the operation
 * waits after the second pass, both CAs trusted, until a {@link FinishRotationCommand}. Only while Enabled.
 */
public record RotateCertificateCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                       boolean holdOldCa) {
}
