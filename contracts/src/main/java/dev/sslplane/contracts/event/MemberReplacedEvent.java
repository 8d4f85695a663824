package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.List;

/**
 * A member was replaced by a new host with a name of its own (names are not reused for another host).
 *
 * @param changeId     the change that replaced it (a repeat of the same change records nothing)
 * @param replacedName the member that left
 * @param replacement  the member that took its place; it has no certificate until an operation issues one
 * @param nodes        the instance's members after the change, in order; a FAILED operation's retry drives these
 */
public record MemberReplacedEvent(String instanceId, String changeId, String replacedName, NodeSpec replacement,
                                  List<NodeSpec> nodes) implements InstanceChangedEvent {

    public MemberReplacedEvent {
        nodes = List.copyOf(nodes);
    }
}
