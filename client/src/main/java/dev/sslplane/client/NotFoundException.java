package dev.sslplane.client;

/** No such instance or operation (404: {@code INSTANCE_NOT_FOUND}, {@code OPERATION_NOT_FOUND}, …). */
public class NotFoundException extends ProblemException {

    public NotFoundException(Problem problem) {
        super(problem);
    }
}
