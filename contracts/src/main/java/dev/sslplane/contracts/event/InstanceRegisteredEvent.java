package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;

/**
 * An instance was registered for SSL management; SSL starts Disabled.
 *
 * @param operator the node operator and its target; {@code null} when the registration named none, and in events
 *                 recorded before instances named one
 * @param maintenanceWindow the weekly window scheduled operations start in; {@code null} when the registration
 *                 named none, and in events recorded before windows existed (schema version 3 and older)
 */
public record InstanceRegisteredEvent(
        String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        int collectionCount,
        NodeOperatorTarget operator,
        MaintenanceWindow maintenanceWindow) implements SslEvent {

    public InstanceRegisteredEvent {
        nodes = List.copyOf(nodes);
    }

    /** A registration that names no operator. */
    public InstanceRegisteredEvent(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   int collectionCount) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, null, null);
    }

    /** A registration that names no maintenance window. */
    public InstanceRegisteredEvent(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   int collectionCount, NodeOperatorTarget operator) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, operator, null);
    }
}
