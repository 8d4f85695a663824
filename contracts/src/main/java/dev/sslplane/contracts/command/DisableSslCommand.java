package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Switches SSL off: restart every node without TLS. Allowed only while SSL is Enabled.
 *
 * <p>{@code schedule}: {@code NOW} (or {@code null}) starts it now; {@code MAINTENANCE_WINDOW} at the next opening
 * of the instance's maintenance window.
 */
public record DisableSslCommand(@TargetAggregateIdentifier String instanceId, String operationId,
        Schedule schedule) {

    public DisableSslCommand {
        schedule = Schedule.orNow(schedule);
    }

    /** Starting now. */
    public DisableSslCommand(String instanceId, String operationId) {
        this(instanceId, operationId, Schedule.NOW);
    }
}
