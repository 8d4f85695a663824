package dev.sslplane.contracts.procedure;

/** How a pass changes each node. */
public enum PassAction {
    /** Write the node's config (and files), restart it; one node at a time, the primary last after a step-down. */
    RESTART,
    /** {@code setParameter} of the TLS mode on the running node (and the same mode in its config file). */
    RUNTIME
}
