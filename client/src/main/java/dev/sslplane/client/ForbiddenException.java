package dev.sslplane.client;

/** The token's roles or instance scope do not allow the request (403 {@code FORBIDDEN}, {@code INSTANCE_NOT_IN_SCOPE}). */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(Problem problem) {
        super(problem);
    }
}
