package dev.sslplane.client;

/** The service failed or is unavailable (5xx: {@code SERVICE_UNAVAILABLE}, {@code CA_KEY_UNAVAILABLE}, {@code INTERNAL_ERROR}); worth trying again later. */
public class ServiceException extends ProblemException {

    public ServiceException(Problem problem) {
        super(problem);
    }
}
