package dev.sslplane.query.api;

import org.springframework.http.HttpStatus;

/** A refusal with a stable code, rendered as an RFC 7807 problem document by {@link ApiProblemHandler}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException instanceNotFound(String instanceId) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.INSTANCE_NOT_FOUND,
                "No instance '" + instanceId + "' is known to the query service");
    }

    public static ApiException operationNotFound(String instanceId, String operationId) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.OPERATION_NOT_FOUND,
                "No operation '" + operationId + "' on instance '" + instanceId + "'");
    }

    public static ApiException validation(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, detail);
    }
}
