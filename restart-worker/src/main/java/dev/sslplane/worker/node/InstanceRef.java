package dev.sslplane.worker.node;

/** The instance a node operation is for; the collection count tells operators how long a restart may take. */
public record InstanceRef(String instanceId, int collectionCount) {
}
