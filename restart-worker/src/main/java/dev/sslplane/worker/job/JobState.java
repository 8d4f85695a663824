package dev.sslplane.worker.job;

/**
 * Life of a restart job. FAILED waits for a {@code RestartRetried} event and HELD (a rotation waiting for its
 * clients) for {@code RotationFinishing}; either re-arms it as PENDING. ABORTED is final, like COMPLETED: the
 * operation was stopped on request ({@code OperationAbortRequested}, answered with an {@code OperationStoppedReport})
 * or ended by the command side ({@code OperationAborted}); nothing re-arms it.
 */
public enum JobState {
    PENDING,
    RUNNING,
    HELD,
    COMPLETED,
    FAILED,
    ABORTED;

    /** Whether nothing will ever run for the job again. */
    public boolean terminal() {
        return this == COMPLETED || this == ABORTED;
    }
}
