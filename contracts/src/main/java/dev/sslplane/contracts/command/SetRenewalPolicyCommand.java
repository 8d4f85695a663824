package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.RenewalPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets whether the instance's node certificates are renewed automatically. {@code IN_MAINTENANCE_WINDOW} needs a
 * maintenance window ({@code MAINTENANCE_WINDOW_NOT_SET} otherwise); the policy already in force records nothing.
 */
public record SetRenewalPolicyCommand(@TargetAggregateIdentifier String instanceId, RenewalPolicy policy) {
}
