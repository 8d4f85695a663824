package dev.sslplane.fleet.mongod;

/** mongod would refuse to start; the message is what it would say. */
public class StartFailure extends RuntimeException {

    public StartFailure(String message) {
        super(message);
    }

    public StartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
