package dev.sslplane.client;

import dev.sslplane.contracts.error.ErrorCode;

/**
 * A service refused a request with a problem document. Match on {@link #code()} (the contracts' stable codes),
 * never on the message; the subclass says what kind of refusal it is, so a caller can catch a whole kind
 * ({@link RefusedException} for every domain refusal) or one code.
 */
public class ProblemException extends SslplaneException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code() + " (HTTP " + problem.status() + "): " + problem.words());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The stable code, or {@code null} when it is not one of {@link ErrorCode}'s (see {@link #codeName()}). */
    public ErrorCode code() {
        return problem.errorCode();
    }

    /** The stable code as sent, known to this client or not. */
    public String codeName() {
        return problem.code();
    }

    public boolean is(ErrorCode code) {
        return code.name().equals(problem.code());
    }

    /** The exception for a problem: its kind follows the HTTP status. */
    public static ProblemException of(Problem problem) {
        int status = problem.status();
        return switch (status) {
            case 401 -> new UnauthenticatedException(problem);
            case 403 -> new ForbiddenException(problem);
            case 404 -> new NotFoundException(problem);
            case 409, 422 -> new RefusedException(problem);
            case 429 -> new RateLimitedException(problem, null);
            default -> status >= 500 ? new ServiceException(problem)
                    : status >= 400 ? new InvalidRequestException(problem) : new ProblemException(problem);
        };
    }

    /** A refusal without an HTTP answer (a rejected Kafka command): the status is the one the code stands for. */
    public static ProblemException ofCode(String code, String message) {
        int status;
        try {
            status = ErrorCode.valueOf(code).status();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            status = 409; // an unknown refusal of a command is still a refusal
        }
        return of(new Problem(status, null, null, message, code == null ? "UNKNOWN" : code, null));
    }
}
