package dev.sslplane.contracts.progress;

import java.time.Instant;

/** Every node of the operation restarted and is healthy. */
public record RestartCompletedReport(String instanceId, String operationId, long totalMillis, Instant completedAt)
        implements RestartProgressReport {

    @Override
    public Instant occurredAt() {
        return completedAt;
    }
}
