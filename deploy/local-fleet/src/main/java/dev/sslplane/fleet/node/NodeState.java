package dev.sslplane.fleet.node;

/** Whether a node's mongod runs; FAILED = the last start was refused (see the failure reason). */
public enum NodeState {
    RUNNING, STOPPED, FAILED
}
