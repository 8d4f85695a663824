package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.EngineVersion;

/**
 * The instance a node operation is for.
 *
 * @param collectionCount tells operators how long a restart may take
 * @param engine          the engine the nodes run: decides the config dialect and the mode parameter
 */
public record InstanceRef(String instanceId, int collectionCount, EngineVersion engine) {
}
