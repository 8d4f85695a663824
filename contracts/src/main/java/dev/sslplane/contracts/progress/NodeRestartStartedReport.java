package dev.sslplane.contracts.progress;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker is about to change this node in pass {@code pass}; {@code role} is the node's role at that moment.
 *
 * @param stepTimeout the timeout the worker applies to the step, derived from the operation's collection count;
 *                    {@code null} from workers that did not report it
 */
public record NodeRestartStartedReport(
        String instanceId, String operationId, String nodeName, Instant startedAt, Integer pass, NodeRole role,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration stepTimeout)
        implements RestartProgressReport {

    public NodeRestartStartedReport {
        pass = pass == null || pass < 1 ? 1 : pass;
    }

    /** A report without the step timeout (reports before version 3). */
    public NodeRestartStartedReport(String instanceId, String operationId, String nodeName, Instant startedAt,
                                    Integer pass, NodeRole role) {
        this(instanceId, operationId, nodeName, startedAt, pass, role, null);
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
