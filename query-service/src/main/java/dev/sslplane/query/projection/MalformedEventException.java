package dev.sslplane.query.projection;

/** A record of the events topic that cannot be read; its message is the codec's reason, safe to log. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
