package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the CA ("Update Certificate") in three passes with no outage. With {@code holdOldCa} the operation
 * waits after the second pass, both CAs trusted, until a {@link FinishRotationCommand}. Only while Enabled.
 *
 * @param certificates the new CA's key algorithm and the lifetimes asked for; {@link CertificateOptions#DEFAULTS}
 *                     (or {@code null}) = the deployment's
 * @param schedule     {@code NOW} (or {@code null}) starts it now; {@code MAINTENANCE_WINDOW} at the next opening of the
 *                     instance's maintenance window
 */
public record RotateCertificateCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                       boolean holdOldCa, CertificateOptions certificates, Schedule schedule) {

    public RotateCertificateCommand {
        certificates = certificates == null ? CertificateOptions.DEFAULTS : certificates;
        schedule = Schedule.orNow(schedule);
    }

    /** Starting now. */
    public RotateCertificateCommand(String instanceId, String operationId, boolean holdOldCa,
                                    CertificateOptions certificates) {
        this(instanceId, operationId, holdOldCa, certificates, Schedule.NOW);
    }

    /** With the deployment's certificate settings. */
    public RotateCertificateCommand(String instanceId, String operationId, boolean holdOldCa) {
        this(instanceId, operationId, holdOldCa, CertificateOptions.DEFAULTS);
    }
}
