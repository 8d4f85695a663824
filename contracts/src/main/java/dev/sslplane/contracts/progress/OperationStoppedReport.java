package dev.sslplane.contracts.progress;

import java.time.Instant;

/**
 * The worker stopped an operation whose abort was asked for ({@code OperationAbortRequested}), after the step in
 * progress: no step of it runs any more.
 */
public record OperationStoppedReport(String instanceId, String operationId, Instant stoppedAt)
        implements RestartProgressReport {

    @Override
    public Instant occurredAt() {
        return stoppedAt;
    }
}
