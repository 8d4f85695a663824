package dev.sslplane.commandservice.command;

/** Stable codes for every refusal; clients match on these, never on messages. */
public enum ErrorCode {
    SSL_ALREADY_ENABLED,
    SSL_NOT_ENABLED,
    OPERATION_IN_PROGRESS,
    OPERATION_NOT_FOUND,
    OPERATION_NOT_RETRYABLE,
    /** A rotation holds both CAs until clients have the new one; nothing else may start until it is finished. */
    ROTATION_AWAITING_CLIENTS,
    /** Finish was asked for an operation that is not a rotation waiting for clients. */
    ROTATION_NOT_AWAITING_CLIENTS,
    /** TLS enforcement was asked for the mode the instance already has. */
    TLS_ENFORCEMENT_UNCHANGED,
    INSTANCE_NOT_ELIGIBLE,
    INSTANCE_NOT_FOUND,
    INSTANCE_ALREADY_REGISTERED,
    VALIDATION_FAILED,
    IDEMPOTENCY_KEY_REUSED,
    CA_KEY_UNAVAILABLE,
    CSR_INVALID,
    CSR_NODE_UNKNOWN,
    CSR_SAN_MISMATCH,
    CSR_WEAK_KEY,
    CSR_NO_RUNNING_OPERATION,
    CONCURRENT_MODIFICATION
}
