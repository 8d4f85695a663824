package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Removes a replica-set member from the registered instance. The member registered as PRIMARY and the last member
 * cannot be removed (replace them instead). Refused while an operation runs.
 *
 * @param changeId names this change: a repeat with the same id is answered as the first and records nothing
 */
public record RemoveMemberCommand(@TargetAggregateIdentifier String instanceId, String changeId, String memberName) {
}
