package dev.sslplane.query.api;

/** Stable {@code code} values of the problem documents this API answers with. */
public final class ErrorCodes {

    public static final String INSTANCE_NOT_FOUND = "INSTANCE_NOT_FOUND";
    public static final String OPERATION_NOT_FOUND = "OPERATION_NOT_FOUND";
    public static final String SSL_NOT_ENABLED = "SSL_NOT_ENABLED";
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final String INVALID_TIME_RANGE = "INVALID_TIME_RANGE";
    public static final String REPLAY_IN_PROGRESS = "REPLAY_IN_PROGRESS";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {
    }
}
