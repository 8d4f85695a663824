package dev.sslplane.contracts.progress;

/**
 * What a restart worker reports about a running operation, on {@code ssl.restart-progress} keyed by instance id.
 * The command service folds each report into the instance's aggregate; duplicates and late reports change nothing.
 */
public sealed interface RestartProgressReport
        permits NodeRestartStartedReport, NodeRestartedReport, RestartCompletedReport, RestartFailedReport,
                OperationHeldReport, OperationStoppedReport, NodeStatesObservedReport {

    String instanceId();

    String operationId();

    /** When the reported step happened. */
    java.time.Instant occurredAt();

    /** Stable id of this report: a redelivered or re-sent report has the same id. */
    default String reportId() {
        return String.join("/", instanceId(), operationId(), getClass().getSimpleName(), nodeKey());
    }

    /** The node the report is about, or {@code "*"} for reports about the whole operation
     * (step reports name the step, {@code <pass>/<node>}). */
    default String nodeKey() {
        return "*";
    }
}
