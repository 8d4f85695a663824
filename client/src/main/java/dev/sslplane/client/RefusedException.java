package dev.sslplane.client;

/** The command is not allowed in the instance's present state (409, 422): {@code SSL_ALREADY_ENABLED}, {@code SSL_NOT_ENABLED}, {@code OPERATION_IN_PROGRESS} (with the operation's {@code progress} in the problem's properties), {@code INSTANCE_NOT_ELIGIBLE}, … */
public class RefusedException extends ProblemException {

    public RefusedException(Problem problem) {
        super(problem);
    }
}
