package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.List;

/**
 * A member joined the registered instance.
 *
 * @param changeId the change that added it (a repeat of the same change records nothing)
 * @param member   the new member; it has no certificate until an operation issues one
 * @param nodes    the instance's members after the change, in order
 */
public record MemberAddedEvent(String instanceId, String changeId, NodeSpec member, List<NodeSpec> nodes)
        implements InstanceChangedEvent {

    public MemberAddedEvent {
        nodes = List.copyOf(nodes);
    }
}
