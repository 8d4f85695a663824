package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Switches SSL on: issue a new CA, move every node to allowTLS (rolling restart), then preferTLS at run time, and
 * with {@code requireTls} ("force encryption") on to requireTLS. Allowed only while SSL is Disabled.
 *
 * @param certificates the CA key algorithm and the lifetimes asked for; {@link CertificateOptions#DEFAULTS} (or
 *                     {@code null}) = the deployment's
 * @param schedule     {@code NOW} (or {@code null}) starts it now; {@code MAINTENANCE_WINDOW} at the next opening of the
 *                     instance's maintenance window
 */
public record EnableSslCommand(@TargetAggregateIdentifier String instanceId, String operationId, boolean requireTls,
                               CertificateOptions certificates, Schedule schedule) {

    public EnableSslCommand {
        certificates = certificates == null ? CertificateOptions.DEFAULTS : certificates;
        schedule = Schedule.orNow(schedule);
    }

    /** Starting now. */
    public EnableSslCommand(String instanceId, String operationId, boolean requireTls,
                            CertificateOptions certificates) {
        this(instanceId, operationId, requireTls, certificates, Schedule.NOW);
    }

    /** With the deployment's certificate settings. */
    public EnableSslCommand(String instanceId, String operationId, boolean requireTls) {
        this(instanceId, operationId, requireTls, CertificateOptions.DEFAULTS);
    }
}
