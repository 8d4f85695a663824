package dev.sslplane.contracts.progress;

import dev.sslplane.contracts.model.NodeTlsState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every node of an aborted operation as the worker read it back from the node once the operation was aborted: the
 * mode it runs with, the CAs its CA file holds and the CA that signed the certificate it presents. Sent for every
 * abort ({@code OperationAborted}, also when a failed operation or a rotation waiting for its clients ends at once),
 * so the state the status shows is observed, not computed.
 *
 * @param nodes       the nodes read back, each {@code settled}
 * @param unreadNodes the nodes that could not be read, by name, with the reason (they keep the computed state)
 */
public record NodeStatesObservedReport(String instanceId, String operationId, List<NodeTlsState> nodes,
                                       Map<String, String> unreadNodes, Instant observedAt)
        implements RestartProgressReport {

    public NodeStatesObservedReport {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        unreadNodes = unreadNodes == null ? Map.of() : Map.copyOf(unreadNodes);
    }

    @Override
    public Instant occurredAt() {
        return observedAt;
    }
}
