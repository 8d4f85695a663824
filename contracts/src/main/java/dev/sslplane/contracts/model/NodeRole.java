package dev.sslplane.contracts.model;

/** Role of a replica-set member. Hidden members are restarted like secondaries. */
public enum NodeRole {
    PRIMARY,
    SECONDARY,
    HIDDEN
}
