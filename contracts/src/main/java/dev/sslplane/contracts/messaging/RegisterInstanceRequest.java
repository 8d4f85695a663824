package dev.sslplane.contracts.messaging;

import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;

/**
 * Body of a register-instance command, over REST and on {@code ssl.commands}.
 *
 * @param operator the node operator that drives the nodes and its target; {@code null} leaves them to the
 *                 worker's default operator
 * @param maintenanceWindow the weekly window scheduled operations start in; {@code null} for none (it can be set
 *                 later)
 */
public record RegisterInstanceRequest(
        String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        Integer collectionCount,
        NodeOperatorTarget operator,
        MaintenanceWindowRequest maintenanceWindow) {

    /** A registration that names no operator. */
    public RegisterInstanceRequest(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   Integer collectionCount) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, null, null);
    }

    /** A registration that names no maintenance window. */
    public RegisterInstanceRequest(String instanceId, String engineVersion, Topology topology, List<NodeSpec> nodes,
                                   Integer collectionCount, NodeOperatorTarget operator) {
        this(instanceId, engineVersion, topology, nodes, collectionCount, operator, null);
    }
}
