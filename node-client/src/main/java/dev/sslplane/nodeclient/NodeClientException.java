package dev.sslplane.nodeclient;

/** A command could not be run: no connection, no TLS session, no timely answer, or an answer that is not MongoDB's. */
public class NodeClientException extends RuntimeException {

    /** What went wrong, coarse enough for callers to decide whether to retry. */
    public enum Kind { CONNECT, TLS_HANDSHAKE, TIMEOUT, CLOSED, PROTOCOL, COMMAND }

    private final Kind kind;

    public NodeClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
