package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.List;

/**
 * A member left the registered instance.
 *
 * @param changeId   the change that removed it (a repeat of the same change records nothing)
 * @param memberName the member removed
 * @param nodes      the instance's members after the change, in order
 */
public record MemberRemovedEvent(String instanceId, String changeId, String memberName, List<NodeSpec> nodes)
        implements InstanceChangedEvent {

    public MemberRemovedEvent {
        nodes = List.copyOf(nodes);
    }
}
