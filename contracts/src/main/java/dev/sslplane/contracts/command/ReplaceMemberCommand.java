package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeSpec;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a (dead) member by a new host: {@code memberName} leaves, {@code replacement} joins at its place in the
 * member list. The name is not kept: the replacement is a new member with a name of its own, so the dead node's
 * steps and certificates never stand for the new host's. Allowed while the instance's operation has FAILED (that
 * is how a permanently dead node is replaced); a Retry then drives the replacement instead.
 *
 * @param changeId names this change: a repeat with the same id is answered as the first and records nothing
 */
public record ReplaceMemberCommand(@TargetAggregateIdentifier String instanceId, String changeId, String memberName,
                                   NodeSpec replacement) {
}
