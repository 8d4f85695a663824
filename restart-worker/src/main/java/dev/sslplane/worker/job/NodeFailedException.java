package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;

/** A step failed (or the pre-flight check refused); the operation stops there and waits for a retry. */
public class NodeFailedException extends RuntimeException {

    private final String nodeName;
    private final int pass;
    private final NodeFailureCode code;

    public NodeFailedException(String nodeName, int pass, NodeFailureCode code, String reason) {
        super(reason);
        this.nodeName = nodeName;
        this.pass = pass;
        this.code = code;
    }

    public String nodeName() {
        return nodeName;
    }

    public int pass() {
        return pass;
    }

    /** Stable code for reports and metrics. */
    public NodeFailureCode code() {
        return code;
    }
}
