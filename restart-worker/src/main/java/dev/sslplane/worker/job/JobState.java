package dev.sslplane.worker.job;

/**
 * Life of a restart job. FAILED waits for a {@code RestartRetried} event and HELD (a rotation waiting for its
 * clients) for {@code RotationFinishing}; either re-arms it as PENDING.
 */
public enum JobState {
    PENDING,
    RUNNING,
    HELD,
    COMPLETED,
    FAILED
}
