package dev.sslplane.query.api;

/** Stable {@code code} values of the problem documents this API answers with. */
public final class ErrorCodes {

    public static final String INSTANCE_NOT_FOUND = "INSTANCE_NOT_FOUND";
    public static final String OPERATION_NOT_FOUND = "OPERATION_NOT_FOUND";
    public static final String SSL_NOT_ENABLED = "SSL_NOT_ENABLED";
    /** {@code ca-bundle.pem} while no rotation runs or waits (409). */
    public static final String NO_ROTATION_IN_PROGRESS = "NO_ROTATION_IN_PROGRESS";
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final String INVALID_TIME_RANGE = "INVALID_TIME_RANGE";
    public static final String REPLAY_IN_PROGRESS = "REPLAY_IN_PROGRESS";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** The URL was refused before routing: encoded separators or dots, control characters (400). */
    public static final String REQUEST_REJECTED = "REQUEST_REJECTED";
    /** No or an invalid bearer token (401, with {@code WWW-Authenticate: Bearer}). */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** The credential's roles do not allow the request (403). */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The instance is outside the credential's instance scope (403). */
    public static final String INSTANCE_NOT_IN_SCOPE = "INSTANCE_NOT_IN_SCOPE";

    private ErrorCodes() {
    }
}
