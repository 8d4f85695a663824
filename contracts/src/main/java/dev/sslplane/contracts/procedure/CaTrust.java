package dev.sslplane.contracts.procedure;

/** What a pass puts into the node's CA file. */
public enum CaTrust {
    /** The CA file stays as it is. */
    KEEP,
    /** The operation's CA alone. */
    OPERATION_CA,
    /** The previous CA and the operation's CA, so rotated and unrotated members verify each other. */
    BUNDLE,
    /** No CA file (TLS disabled). */
    NONE
}
