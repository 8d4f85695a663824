package dev.sslplane.contracts.model;

/** Stable codes of why a restart worker stopped an operation; carried by failure reports and events. */
public enum NodeFailureCode {
    /** Before the first change the replica set was not healthy, or a node was not where it is registered. */
    PREFLIGHT_FAILED,
    /** The node did not start with its new configuration (mongod refused the config file). */
    NODE_START_FAILED,
    /** mongod refused a runtime TLS mode change. */
    RUNTIME_MODE_REFUSED,
    /** The primary could not hand over to another member. */
    STEP_DOWN_FAILED,
    /** The node or the set did not become healthy within the step timeout. */
    UNHEALTHY,
    /** The command service refused to sign the node's CSR. */
    SIGNING_REFUSED,
    /** The node operator refused or failed a request. */
    NODE_OPERATOR,
    /** Anything else. */
    ERROR
}
