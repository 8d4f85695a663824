package dev.sslplane.contracts.progress;

import java.time.Instant;

/** The worker is about to restart this node. */
public record NodeRestartStartedReport(String instanceId, String operationId, String nodeName, Instant startedAt)
        implements RestartProgressReport {

    @Override
    public String nodeKey() {
        return nodeName;
    }
    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
