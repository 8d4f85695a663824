package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.Schedule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Turns TLS enforcement on (requireTLS, at run time) or off (back to preferTLS, with a rolling restart) while SSL is
 * Enabled. {@code operationId} names the operation this starts; {@code schedule} when ({@code null} = now).
 */
public record SetTlsEnforcementCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                       boolean requireTls, Schedule schedule) {

    public SetTlsEnforcementCommand {
        schedule = Schedule.orNow(schedule);
    }

    /** Starting now. */
    public SetTlsEnforcementCommand(String instanceId, String operationId, boolean requireTls) {
        this(instanceId, operationId, requireTls, Schedule.NOW);
    }
}
