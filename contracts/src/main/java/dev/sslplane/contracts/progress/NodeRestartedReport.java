package dev.sslplane.contracts.progress;

import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Instant;

/**
 * The node's step of pass {@code pass} is done and the set passed its health gate; {@code unreachableMillis} is
 * the measured downtime (0 for a runtime change), {@code observed} the node as read back from it.
 */
public record NodeRestartedReport(
        String instanceId, String operationId, String nodeName, long unreachableMillis, Instant restartedAt,
        Integer pass, NodeObservation observed) implements RestartProgressReport {

    public NodeRestartedReport {
        pass = pass == null || pass < 1 ? 1 : pass;
    }

    @Override
    public String nodeKey() {
        return StepKey.of(pass, nodeName);
    }

    @Override
    public Instant occurredAt() {
        return restartedAt;
    }
}
