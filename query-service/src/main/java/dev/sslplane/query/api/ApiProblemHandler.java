package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error as an RFC 7807 problem document carrying a stable {@code code}. The content type is set
 * explicitly, so a problem is written as {@code application/problem+json} whatever the request's Accept header
 * says (even an unparsable one): otherwise a refused Accept would turn every error into an empty 406.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status().getReasonPhrase());
        problem.setProperty("code", e.code().name());
        var answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfter() != null) {
            // whole seconds, at least one: what every client reads (HTTP-date or delta-seconds only)
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(problem);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        log.error("Unexpected error answering a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The query service could not answer; see its log");
        problem.setProperty("code", ErrorCode.INTERNAL_ERROR.name());
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Framework errors (bad parameter type, unknown route, wrong method) get a code from their status. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                   HttpStatusCode status,
                                                                   ServerWebExchange exchange) {
        Object problemBody = body == null && ex instanceof ErrorResponse error
                ? error.updateAndGetBody(getMessageSource(), getLocale(exchange)) : body;
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        if (problemBody instanceof ProblemDetail problem) {
            problem.setProperty("code", codeFor(status));
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return super.handleExceptionInternal(ex, problemBody, problemHeaders, status, exchange);
    }

    private static java.util.Locale getLocale(ServerWebExchange exchange) {
        java.util.Locale locale = exchange.getLocaleContext().getLocale();
        return locale == null ? java.util.Locale.getDefault() : locale;
    }

    private static String codeFor(HttpStatusCode status) {
        int value = status.value();
        if (value == 400) {
            return ErrorCode.VALIDATION_FAILED.name();
        }
        if (value == 404) {
            return ErrorCode.NOT_FOUND.name();
        }
        if (value == 405) {
            return ErrorCode.METHOD_NOT_ALLOWED.name();
        }
        if (value == 406) {
            return ErrorCode.NOT_ACCEPTABLE.name();
        }
        if (value == 415) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE.name();
        }
        return value >= 500 ? ErrorCode.INTERNAL_ERROR.name() : "HTTP_" + value;
    }
}
