package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a MongoDB instance so that SSL can be managed for it.
 *
 * @param operator the node operator and its target, or {@code null} for the worker's default operator
 * @param maintenanceWindow the weekly window for scheduled operations, or {@code null} for none (yet)
 */
public record RegisterInstanceCommand(
        @TargetAggregateIdentifier String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        int collectionCount,
        NodeOperatorTarget operator,
        MaintenanceWindow maintenanceWindow) {

    /** A registration that names no operator. */
    public RegisterInstanceCommand(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   int collectionCount) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, null, null);
    }

    /** A registration that names no maintenance window. */
    public RegisterInstanceCommand(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   int collectionCount, NodeOperatorTarget operator) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, operator, null);
    }
}
