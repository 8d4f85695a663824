package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A durable rolling restart, one per operation ({@code _id} = operationId).
 *
 * @param attempt        1 for the operation's first run, N for the N-th after {@code RestartRetried}
 * @param completedNodes the checkpoint: nodes restarted and healthy in this operation
 * @param unreachable    measured downtime of the completed nodes, to re-send their reports after a takeover
 * @param outstanding    work left: steps to run, or a final report not yet published
 * @param fence          incremented by every claim; writes carry it so a worker that lost its lease cannot write
 */
public record RestartJob(
        String operationId,
        String instanceId,
        OperationKind kind,
        String caPem,
        List<NodeSpec> nodes,
        int collectionCount,
        int attempt,
        JobState state,
        Set<String> completedNodes,
        Map<String, Long> unreachable,
        String failedNode,
        String failureReason,
        Long totalMillis,
        boolean outstanding,
        String leaseOwner,
        Instant leaseExpiresAt,
        long fence,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
