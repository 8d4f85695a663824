package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** A refusal with a stable code, rendered as an RFC 7807 problem document by {@link ApiProblemHandler}. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    /** A refusal answered with {@code code}'s own status. */
    public ApiException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
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

    public static ApiException validation(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
