package dev.sslplane.contracts.model;

/** Deployment topology of a MongoDB instance; only {@link #REPLICA_SET} is eligible for SSL operations. */
public enum Topology {
    REPLICA_SET,
    SHARDED,
    STANDALONE
}
