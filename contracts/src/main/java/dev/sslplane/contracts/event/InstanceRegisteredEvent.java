package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;

/** An instance was registered for SSL management; SSL starts Disabled. */
public record InstanceRegisteredEvent(
        String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        int collectionCount) implements SslEvent {

    public InstanceRegisteredEvent {
        nodes = List.copyOf(nodes);
    }
}
