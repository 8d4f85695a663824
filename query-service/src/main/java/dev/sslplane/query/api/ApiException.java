package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A refusal with a stable code, rendered as an RFC 7807 problem document by {@link ApiProblemHandler}. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    /** A refusal answered with {@code code}'s own status. */
    public ApiException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    private ApiException(ErrorCode code, String detail, Duration retryAfter) {
        super(detail);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** When the client may ask again ({@code Retry-After}); {@code null} for refusals that asking again won't change. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(code.status());
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException instanceNotFound(String instanceId) {
        return new ApiException(ErrorCode.INSTANCE_NOT_FOUND,
                "No instance '" + instanceId + "' is known to the query service");
    }

    public static ApiException operationNotFound(String instanceId, String operationId) {
        return new ApiException(ErrorCode.OPERATION_NOT_FOUND,
                "No operation '" + operationId + "' on instance '" + instanceId + "'");
    }

    /** A read that named a position found the instance's read model still before it when its wait ended. */
    public static ApiException readModelBehind(String instanceId, long position, Duration waited,
                                               Duration retryAfter) {
        return new ApiException(ErrorCode.READ_MODEL_BEHIND, "The read model of instance '" + instanceId
                + "' has not reached position " + position + " after " + waited.toMillis() + " ms; ask again",
                retryAfter);
    }

    public static ApiException validation(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
