package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.NodeFailureCode;

/**
 * A node operation that failed; {@code retryable} tells whether trying again can help, {@code code} how the
 * failure is reported ({@link NodeFailureCode#NODE_OPERATOR} unless the operator knows better, for example
 * {@link NodeFailureCode#NODE_START_FAILED} when mongod refused to start with its new config).
 */
public class NodeOperatorException extends RuntimeException {

    private final boolean retryable;
    private final NodeFailureCode code;

    public NodeOperatorException(String message, boolean retryable) {
        this(message, retryable, NodeFailureCode.NODE_OPERATOR);
    }

    public NodeOperatorException(String message, boolean retryable, NodeFailureCode code) {
        super(message);
        this.retryable = retryable;
        this.code = code;
    }

    public boolean retryable() {
        return retryable;
    }

    public NodeFailureCode code() {
        return code;
    }
}
