package dev.sslplane.cli;

import dev.sslplane.client.ForbiddenException;
import dev.sslplane.client.InvalidRequestException;
import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.OperationTimeoutException;
import dev.sslplane.client.ProblemException;
import dev.sslplane.client.RateLimitedException;
import dev.sslplane.client.RefusedException;
import dev.sslplane.client.ServiceException;
import dev.sslplane.client.TransportException;
import dev.sslplane.client.UnauthenticatedException;

/** The CLI's exit codes: one per kind of outcome, so scripts can tell a refusal from a missing instance. */
enum ExitCode {

    OK(0, "ok", "success"),
    FAILED(1, "failed", "an unexpected error"),
    USAGE(2, "invalid", "invalid arguments, or the request was (400)"),
    REFUSED(3, "refused", "not allowed in the instance's state (409, 422)"),
    NOT_FOUND(4, "not found", "no such instance or operation (404)"),
    UNAUTHORIZED(5, "unauthorized", "no token, or the token is not accepted (401)"),
    FORBIDDEN(6, "forbidden", "the token's role or instance scope forbids it (403)"),
    RATE_LIMITED(7, "rate limited", "429 even after waiting as Retry-After said"),
    OPERATION_FAILED(8, "operation failed", "--wait: the operation failed (sslplane retry OP)"),
    TIMED_OUT(9, "timed out", "--wait: still running after --timeout"),
    UNAVAILABLE(10, "unavailable", "a service cannot be reached, or answered 5xx"),
    ABORTED(11, "aborted", "--wait: the operation was aborted or cancelled (for abort: exit 0)");

    final int code;
    final String label;
    final String meaning;

    ExitCode(int code, String label, String meaning) {
        this.code = code;
        this.label = label;
        this.meaning = meaning;
    }

    static ExitCode of(Throwable error) {
        if (error instanceof RefusedException) {
            return REFUSED;
        }
        if (error instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (error instanceof UnauthenticatedException || error instanceof TokenSource.MissingTokenException) {
            return UNAUTHORIZED;
        }
        if (error instanceof ForbiddenException) {
            return FORBIDDEN;
        }
        if (error instanceof RateLimitedException) {
            return RATE_LIMITED;
        }
        if (error instanceof InvalidRequestException) {
            return USAGE;
        }
        if (error instanceof ServiceException || error instanceof TransportException) {
            return UNAVAILABLE;
        }
        if (error instanceof OperationTimeoutException) {
            return TIMED_OUT;
        }
        if (error instanceof ProblemException) {
            return FAILED;
        }
        return FAILED;
    }

    /** The table for {@code --help} and the README. */
    static String table() {
        StringBuilder text = new StringBuilder();
        for (ExitCode exit : values()) {
            text.append(String.format("  %2d  %-16s %s%n", exit.code, exit.label, exit.meaning));
        }
        return text.toString();
    }
}
