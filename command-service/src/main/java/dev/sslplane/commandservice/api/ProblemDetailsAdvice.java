package dev.sslplane.commandservice.api;

import com.mongodb.MongoException;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 7807 problem document with a stable {@code code}. Client mistakes are 4xx
 * (never 5xx); server trouble is 503/500 without internal details.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        return Problems.response(Problems.of(e));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        return Problems.response(Problems.of(new DomainException(ErrorCode.INSTANCE_NOT_FOUND,
                "instance " + e.getAggregateIdentifier() + " is not registered")));
    }

    @ExceptionHandler(ActorProvider.InstanceNotInScopeException.class)
    ResponseEntity<Object> notInScope(ActorProvider.InstanceNotInScopeException e) {
        return Problems.response(Problems.of(ErrorCode.INSTANCE_NOT_IN_SCOPE, e.getMessage()));
    }

    @ExceptionHandler(RequestSizeLimitFilter.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestSizeLimitFilter.PayloadTooLargeException e) {
        return Problems.response(Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    @ExceptionHandler(MongoException.class)
    ResponseEntity<Object> storeUnavailable(MongoException e) {
        log.error("MongoDB failed while handling a request", e);
        return Problems.response(Problems.of(ErrorCode.SERVICE_UNAVAILABLE,
                "the event store is unavailable; try again later"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return Problems.response(Problems.of(ErrorCode.INTERNAL_ERROR,
                "unexpected error; it has been logged"));
    }

    // Malformed JSON, wrong types, unknown enum values: a client mistake, answered without echoing the input.
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            cause = cause.getCause();
        }
        return Problems.response(Problems.of(ErrorCode.VALIDATION_FAILED,
                "request body is missing or is not valid JSON of the expected shape"));
    }

    /** Gives Spring MVC's own problem documents (404, 405, 415, …) a {@code code} too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeFor(status).name());
        }
        return response;
    }

    private static ErrorCode codeFor(HttpStatusCode status) {
        switch (status.value()) {
            case 404:
                return ErrorCode.NOT_FOUND;
            case 405:
                return ErrorCode.METHOD_NOT_ALLOWED;
            case 406:
                return ErrorCode.NOT_ACCEPTABLE;
            case 413:
                return ErrorCode.PAYLOAD_TOO_LARGE;
            case 415:
                return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default:
                return status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED
                        : status.value() == 503 ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
        }
    }
}
