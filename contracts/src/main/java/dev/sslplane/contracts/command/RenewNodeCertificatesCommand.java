package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.Schedule;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Renews node certificates under the current CA, with one rolling restart of the nodes it renews; the CA stays, so
 * clients change nothing. Only while Enabled and no operation runs.
 *
 * <p>{@code schedule}: {@code NOW} (or {@code null}) starts it now; {@code MAINTENANCE_WINDOW} at the next opening
 * of the instance's maintenance window.
 *
 * <p>{@code members}: the names of the members to renew, each a current member, each once; empty (or
 * {@code null}) renews every member. One name is the single-node operation that gives a replacement member a
 * certificate of the current CA at once, restarting only that member.
 */
public record RenewNodeCertificatesCommand(@TargetAggregateIdentifier String instanceId, String operationId,
        Schedule schedule, List<String> members) {

    public RenewNodeCertificatesCommand {
        schedule = Schedule.orNow(schedule);
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** Every member. */
    public RenewNodeCertificatesCommand(String instanceId, String operationId, Schedule schedule) {
        this(instanceId, operationId, schedule, List.of());
    }

    /** Every member, starting now. */
    public RenewNodeCertificatesCommand(String instanceId, String operationId) {
        this(instanceId, operationId, Schedule.NOW);
    }
}
