package dev.sslplane.worker.node;

/** A node operation that failed; {@code retryable} tells whether trying again can help. */
public class NodeOperatorException extends RuntimeException {

    private final boolean retryable;

    public NodeOperatorException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
