package dev.sslplane.contracts.model;

/** The SSL operation that a rolling restart carries out. */
public enum OperationKind {
    ENABLE,
    ROTATE,
    DISABLE,
    /** preferTLS → requireTLS while SSL is enabled ("force encryption"), at run time. */
    ENFORCE_TLS,
    /** requireTLS → preferTLS while SSL is enabled, with a rolling restart. */
    RELAX_TLS,
    /** New node certificates under the current CA, with a rolling restart; clients change nothing. */
    RENEW_NODE_CERTIFICATES,
    /**
     * Brings the nodes of an aborted operation back to the mode and CA they had before it
     * ({@code Procedures.rollback}); whether TLS is on afterwards depends on what it restores.
     */
    ROLLBACK;

    /** Whether nodes offer TLS after this operation ({@link #ROLLBACK}: when it restores a CA). */
    public boolean tlsAfterRestart() {
        return this != DISABLE && this != ROLLBACK;
    }
}
