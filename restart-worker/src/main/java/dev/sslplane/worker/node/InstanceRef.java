package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeOperatorTarget;

/**
 * The instance a node operation is for.
 *
 * @param collectionCount tells operators how long a restart may take
 * @param engine          the engine the nodes run: decides the config dialect and the mode parameter
 * @param operator        the node operator named at registration and where it finds the nodes; {@code null} for
 *                        instances registered before they named one (the worker's default operator)
 */
public record InstanceRef(String instanceId, int collectionCount, EngineVersion engine,
                          NodeOperatorTarget operator) {

    public InstanceRef(String instanceId, int collectionCount, EngineVersion engine) {
        this(instanceId, collectionCount, engine, null);
    }
}
