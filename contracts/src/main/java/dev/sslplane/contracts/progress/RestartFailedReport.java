package dev.sslplane.contracts.progress;

import java.time.Instant;

/** The restart of {@code nodeName} failed its health gate or timed out; the worker stopped. */
public record RestartFailedReport(
        String instanceId, String operationId, String nodeName, String reason, Instant failedAt)
        implements RestartProgressReport {

    @Override
    public String nodeKey() {
        return nodeName;
    }
    @Override
    public Instant occurredAt() {
        return failedAt;
    }
}
