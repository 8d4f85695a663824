package dev.sslplane.worker.job;

/** A node failed its step; the operation stops there and waits for a retry. */
public class NodeFailedException extends RuntimeException {

    private final String nodeName;
    private final String category;

    public NodeFailedException(String nodeName, String category, String reason) {
        super(reason);
        this.nodeName = nodeName;
        this.category = category;
    }

    public String nodeName() {
        return nodeName;
    }

    /** Low-cardinality reason for metrics. */
    public String category() {
        return category;
    }
}
