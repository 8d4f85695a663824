package dev.sslplane.client;

/** The request itself is wrong (400 {@code VALIDATION_FAILED} with {@code violations}, other 4xx). */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(Problem problem) {
        super(problem);
    }
}
