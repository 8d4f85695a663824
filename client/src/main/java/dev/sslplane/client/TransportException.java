package dev.sslplane.client;

/** The service could not be reached or broke the connection: no answer to map, so no code. */
public class TransportException extends SslplaneException {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
