package dev.sslplane.client;

/** No token, or one the service does not accept (401 {@code UNAUTHENTICATED}). */
public class UnauthenticatedException extends ProblemException {

    public UnauthenticatedException(Problem problem) {
        super(problem);
    }
}
