package dev.sslplane.commandservice.api;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 7807 problem documents with a stable {@code code} property; the one place codes map to HTTP statuses. */
public final class Problems {

    /** Codes for problems that are not domain refusals (framework-level request errors, server trouble). */
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String REPUBLISH_IN_PROGRESS = "REPUBLISH_IN_PROGRESS";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** 401: no bearer token, or one that is unknown, expired or badly signed. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** 403: authenticated, but the credential's roles do not allow this route. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** 403: the credential is limited to other instances. */
    public static final String INSTANCE_NOT_IN_SCOPE = "INSTANCE_NOT_IN_SCOPE";
    /** 429: too many commands from this principal; {@code Retry-After} says when to try again. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** 400: a request Tomcat or the firewall refuses before it reaches the application. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";

    /** Refusals because of an operation: their details are that operation's progress, also under {@code progress}. */
    private static final Set<ErrorCode> PROGRESS_CODES = EnumSet.of(ErrorCode.OPERATION_IN_PROGRESS,
            ErrorCode.ROTATION_AWAITING_CLIENTS, ErrorCode.ROTATION_NOT_AWAITING_CLIENTS,
            ErrorCode.OPERATION_NOT_RETRYABLE);

    private Problems() {
    }

    public static HttpStatus statusOf(ErrorCode code) {
        switch (code) {
            case VALIDATION_FAILED:
                return HttpStatus.BAD_REQUEST;
            case INSTANCE_NOT_FOUND:
            case OPERATION_NOT_FOUND:
            case CSR_NODE_UNKNOWN:
                return HttpStatus.NOT_FOUND;
            case SSL_ALREADY_ENABLED:
            case SSL_NOT_ENABLED:
            case OPERATION_IN_PROGRESS:
            case OPERATION_NOT_RETRYABLE:
            case ROTATION_AWAITING_CLIENTS:
            case ROTATION_NOT_AWAITING_CLIENTS:
            case TLS_ENFORCEMENT_UNCHANGED:
            case INSTANCE_ALREADY_REGISTERED:
            case CSR_NO_RUNNING_OPERATION:
            case CONCURRENT_MODIFICATION:
                return HttpStatus.CONFLICT;
            case CA_KEY_UNAVAILABLE:
                return HttpStatus.SERVICE_UNAVAILABLE;
            case INSTANCE_NOT_ELIGIBLE:
            case IDEMPOTENCY_KEY_REUSED:
            case CSR_INVALID:
            case CSR_SAN_MISMATCH:
            case CSR_WEAK_KEY:
            default:
                return HttpStatus.UNPROCESSABLE_ENTITY;
        }
    }

    public static ProblemDetail of(DomainException e) {
        ProblemDetail problem = of(statusOf(e.code()), e.code().name(), e.getMessage());
        e.details().forEach(problem::setProperty);
        if (PROGRESS_CODES.contains(e.code()) && !e.details().isEmpty()) {
            problem.setProperty("progress", Map.copyOf(e.details()));
        }
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:sslplane:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title(code));
        problem.setProperty("code", code);
        return problem;
    }

    public static ResponseEntity<Object> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Writes a problem document straight to the response, for filters that answer before Spring MVC. */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** {@code OPERATION_IN_PROGRESS} → {@code Operation in progress}. */
    static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
