package dev.sslplane.commandservice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
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

/** RFC 7807 problem documents with a stable {@code code} property; with the status each {@link ErrorCode} maps to. */
public final class Problems {

    /** Refusals because of an operation: their details are that operation's progress, also under {@code progress}. */
    private static final Set<ErrorCode> PROGRESS_CODES = EnumSet.of(ErrorCode.OPERATION_IN_PROGRESS,
            ErrorCode.ROTATION_AWAITING_CLIENTS, ErrorCode.ROTATION_NOT_AWAITING_CLIENTS,
            ErrorCode.OPERATION_NOT_RETRYABLE);

    private Problems() {
    }

    /** The status {@code code} is answered with (its {@link ErrorCode#status()}). */
    public static HttpStatus statusOf(ErrorCode code) {
        return HttpStatus.valueOf(code.status());
    }

    public static ProblemDetail of(DomainException e) {
        ProblemDetail problem = of(e.code(), e.getMessage());
        e.details().forEach(problem::setProperty);
        if (PROGRESS_CODES.contains(e.code()) && !e.details().isEmpty()) {
            problem.setProperty("progress", Map.copyOf(e.details()));
        }
        return problem;
    }

    /** A problem with {@code code}, answered with the code's own status. */
    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(statusOf(code), code, detail);
    }

    /** A problem with {@code code} and a status the framework chose (e.g. {@code VALIDATION_FAILED} for any 4xx). */
    public static ProblemDetail of(HttpStatus status, ErrorCode code, String detail) {
        return of(status, code.name(), detail);
    }

    private static ProblemDetail of(HttpStatus status, String code, String detail) {
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
