package dev.sslplane.fleet.node;

import org.springframework.http.HttpStatus;

/** A refused fleet request with a stable {@code code}; the API turns it into a problem document. */
public class FleetException extends RuntimeException {

    private final String code;
    private final HttpStatus status;

    public FleetException(HttpStatus status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }
}
