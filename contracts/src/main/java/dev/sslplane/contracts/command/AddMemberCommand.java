package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeSpec;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a replica-set member to the registered instance (the DBA added it to the set; the product learns of it).
 * Refused while an operation runs; a member added while SSL is enabled gets its certificate in the next operation.
 *
 * @param changeId names this change: a repeat with the same id is answered as the first and records nothing
 */
public record AddMemberCommand(@TargetAggregateIdentifier String instanceId, String changeId, NodeSpec member) {
}
