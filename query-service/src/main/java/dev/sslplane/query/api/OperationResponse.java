package dev.sslplane.query.api;

import java.time.Instant;
import java.util.List;

/**
 * An SSL operation and its rolling restart.
 *
 * @param state                    RUNNING, FAILED (waiting for a retry), RETRIED (running again) or COMPLETED
 * @param estimatedRemainingMillis remaining nodes times the mean measured restart (or the configured default
 *                                 before any was measured), less the time the current node has already taken;
 *                                 0 when completed, null while failed
 */
public record OperationResponse(
        String operationId,
        String instanceId,
        String kind,
        String state,
        int attempt,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        Long totalMillis,
        String caSerial,
        int collectionCount,
        int nodesDone,
        int nodesTotal,
        Long estimatedRemainingMillis,
        Failure failure,
        List<Node> nodes,
        List<HistoryEntry> history) {

    /** Where and why the restart stopped. */
    public record Failure(String nodeName, String reason, Instant failedAt) {
    }

    /** One node: PENDING, RESTARTING, RESTARTED or FAILED, with every attempt. */
    public record Node(String name, String host, int port, String role, String state, List<Step> steps) {
    }

    /** One restart attempt; {@code durationMillis} from start to healthy. */
    public record Step(int attempt, Instant startedAt, Instant restartedAt, Long durationMillis,
                       Long unreachableMillis) {
    }

    /** A state change of the operation. */
    public record HistoryEntry(long sequence, String type, String state, int attempt, Instant at, String actor,
                               String detail) {
    }
}
