package dev.sslplane.contracts.model;

/** The SSL operation that a rolling restart carries out. */
public enum OperationKind {
    ENABLE,
    ROTATE,
    DISABLE;

    /** Whether nodes run with TLS (accepting plain connections too) after this operation. */
    public boolean tlsAfterRestart() {
        return this != DISABLE;
    }
}
