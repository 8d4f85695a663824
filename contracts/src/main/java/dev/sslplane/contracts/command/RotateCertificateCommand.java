package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.CertificateOptions;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the CA ("Update Certificate") in three passes with no outage. With {@code holdOldCa} the operation
 * waits after the second pass, both CAs trusted, until a {@link FinishRotationCommand}. Only while Enabled.
 *
 * @param certificates the new CA's key algorithm and the lifetimes asked for; {@link CertificateOptions#DEFAULTS}
 *                     (or {@code null}) = the deployment's
 */
public record RotateCertificateCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                       boolean holdOldCa, CertificateOptions certificates) {

    public RotateCertificateCommand {
        certificates = certificates == null ? CertificateOptions.DEFAULTS : certificates;
    }

    /** With the deployment's certificate settings. */
    public RotateCertificateCommand(String instanceId, String operationId, boolean holdOldCa) {
        this(instanceId, operationId, holdOldCa, CertificateOptions.DEFAULTS);
    }
}
