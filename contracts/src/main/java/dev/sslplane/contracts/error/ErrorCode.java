package dev.sslplane.contracts.error;

/**
 * The stable {@code code} of every problem document (RFC 7807) an sslplane service answers with; clients match on
 * these, never on messages. Each code carries the HTTP status it is answered with (an {@code int}, so this module
 * stays free of Spring).
 *
 * <p>A few codes are also the fallback for answers whose status the web framework chose (an unparsable request
 * line, a 4xx without a code of its own, any 5xx): those answers keep the framework's status, so {@link #status()}
 * is the status a service answers with when it picks the code itself.
 */
public enum ErrorCode {

    // ---- domain refusals of the command service

    SSL_ALREADY_ENABLED(409),
    /** Also the query service's answer to {@code ca.pem} for an instance without SSL. */
    SSL_NOT_ENABLED(409),
    OPERATION_IN_PROGRESS(409),
    OPERATION_NOT_FOUND(404),
    OPERATION_NOT_RETRYABLE(409),
    /** A rotation holds both CAs until clients have the new one; nothing else may start until it is finished. */
    ROTATION_AWAITING_CLIENTS(409),
    /** Finish was asked for an operation that is not a rotation waiting for clients. */
    ROTATION_NOT_AWAITING_CLIENTS(409),
    /** TLS enforcement was asked for the mode the instance already has. */
    TLS_ENFORCEMENT_UNCHANGED(409),
    INSTANCE_NOT_ELIGIBLE(422),
    INSTANCE_NOT_FOUND(404),
    INSTANCE_ALREADY_REGISTERED(409),
    /** The request (body, path or parameter) is invalid; also the fallback for a 4xx without a code of its own. */
    VALIDATION_FAILED(400),
    IDEMPOTENCY_KEY_REUSED(422),
    /** The CA key cannot be read (vault sealed or unreachable): the only domain refusal that is not a 4xx. */
    CA_KEY_UNAVAILABLE(503),
    CSR_INVALID(422),
    CSR_NODE_UNKNOWN(404),
    CSR_SAN_MISMATCH(422),
    CSR_WEAK_KEY(422),
    CSR_NO_RUNNING_OPERATION(409),
    CONCURRENT_MODIFICATION(409),

    // ---- instance changes (members, collection count, engine version) of the command service

    /** Remove or replace named a member the instance does not have. */
    MEMBER_NOT_FOUND(404),
    /**
     * The member list after the change would break a rule: a name or host:port used twice, not exactly one PRIMARY,
     * fewer than 1 or more than 50 members, a name that left during the current failed operation, or an operator
     * target that does not cover the members.
     */
    MEMBERSHIP_INVALID(422),
    // ---- domain refusals of the command service: maintenance windows and scheduled operations

    /** An operation was asked for in the maintenance window of an instance that has none. */
    MAINTENANCE_WINDOW_NOT_SET(409),
    /** Cancel named an operation that has started (or finished): only a scheduled operation can be cancelled. */
    OPERATION_NOT_SCHEDULED(409),

    // ---- abort and rollback

    /** Abort named an operation that cannot be aborted: a scheduled one (cancel it instead). */
    OPERATION_NOT_ABORTABLE(409),
    /**
     * An aborted operation left the nodes in different TLS states, from which only its rollback is safe: every
     * other SSL operation and member change waits for it.
     */
    ROLLBACK_REQUIRED(409),
    /** Rollback named an operation that is not the aborted one whose nodes need it (nothing to roll back). */
    ROLLBACK_NOT_POSSIBLE(409),

    // ---- refusals of the query service

    /** {@code ca-bundle.pem} while no rotation runs or waits. */
    NO_ROTATION_IN_PROGRESS(409),
    /** A paging cursor this API never returned, or one that was tampered with. */
    INVALID_CURSOR(400),
    /** An audit time range that is malformed, reversed or too wide. */
    INVALID_TIME_RANGE(400),
    /** A read-model replay already runs. */
    REPLAY_IN_PROGRESS(409),
    /**
     * A read that named a position ({@code ReadPosition}: read-your-writes) found the instance's read model still
     * before it when the bounded wait ended; {@code Retry-After} says when to ask again. Never answered for a read
     * without a position.
     */
    READ_MODEL_BEHIND(503),

    // ---- refusals of the command service's admin API

    /** An event republish already runs. */
    REPUBLISH_IN_PROGRESS(409),

    // ---- refusals of the restart worker

    /** No restart job for the operation asked for. */
    JOB_NOT_FOUND(404),

    // ---- security, shared by every service

    /** No bearer token, or one that is unknown, expired or badly signed (with {@code WWW-Authenticate: Bearer}). */
    UNAUTHENTICATED(401),
    /** Authenticated, but the credential's roles do not allow the request. */
    FORBIDDEN(403),
    /** The instance is outside the credential's instance scope. */
    INSTANCE_NOT_IN_SCOPE(403),
    /** Too many commands from this principal; {@code Retry-After} says when to try again. */
    RATE_LIMITED(429),

    // ---- request errors answered by the web layer

    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** A request the servlet container or the firewall refuses before it reaches the application (command service). */
    MALFORMED_REQUEST(400),
    /** The URL was refused before routing: encoded separators or dots, control characters (query service). */
    REQUEST_REJECTED(400),

    // ---- server trouble, without internal details

    /** A store the service needs is unavailable; try again later. */
    SERVICE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status a problem with this code is answered with. */
    public int status() {
        return status;
    }

    /**
     * Whether this answer says the service could not act now (a 5xx), not what it decided about the request. Such
     * an answer is never remembered for an {@code Idempotency-Key} or a command id: the same request sent again is
     * run again, so a vault that was unreachable for a moment does not refuse that request for ever.
     */
    public boolean isTransient() {
        return status >= 500;
    }
}
