package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Renews every node's certificate under the current CA, with one rolling restart; the CA stays, so clients change
 * nothing. Only while Enabled and no operation runs.
 *
 * <p>{@code schedule}: {@code NOW} (or {@code null}) starts it now; {@code MAINTENANCE_WINDOW} at the next opening
 * of the instance's maintenance window.
 */
public record RenewNodeCertificatesCommand(@TargetAggregateIdentifier String instanceId, String operationId,
        Schedule schedule) {

    public RenewNodeCertificatesCommand {
        schedule = Schedule.orNow(schedule);
    }

    /** Starting now. */
    public RenewNodeCertificatesCommand(String instanceId, String operationId) {
        this(instanceId, operationId, Schedule.NOW);
    }
}
