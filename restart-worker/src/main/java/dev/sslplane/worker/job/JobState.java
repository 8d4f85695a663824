package dev.sslplane.worker.job;

/** Life of a restart job. FAILED waits for a {@code RestartRetried} event, which re-arms it as PENDING. */
public enum JobState {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED
}
