package dev.sslplane.contracts.progress;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Instant;

/** The worker is about to change this node in pass {@code pass}; {@code role} is the node's role at that moment. */
public record NodeRestartStartedReport(
        String instanceId, String operationId, String nodeName, Instant startedAt, Integer pass, NodeRole role)
        implements RestartProgressReport {

    public NodeRestartStartedReport {
        pass = pass == null || pass < 1 ? 1 : pass;
    }

    @Override
    public String nodeKey() {
        return StepKey.of(pass, nodeName);
    }

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
