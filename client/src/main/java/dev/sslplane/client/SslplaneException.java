package dev.sslplane.client;

/** Anything a call to sslplane can fail with; see {@link ProblemException} for the services' refusals. */
public class SslplaneException extends RuntimeException {

    public SslplaneException(String message) {
        super(message);
    }

    public SslplaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
