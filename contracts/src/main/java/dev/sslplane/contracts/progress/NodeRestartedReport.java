package dev.sslplane.contracts.progress;

import java.time.Instant;

/** The node restarted and passed its health gate; {@code unreachableMillis} is the measured downtime. */
public record NodeRestartedReport(
        String instanceId, String operationId, String nodeName, long unreachableMillis, Instant restartedAt)
        implements RestartProgressReport {

    @Override
    public String nodeKey() {
        return nodeName;
    }
    @Override
    public Instant occurredAt() {
        return restartedAt;
    }
}
