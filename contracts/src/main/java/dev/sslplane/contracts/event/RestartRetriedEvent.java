package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.util.List;
import java.util.Set;

/**
 * A failed rolling restart is resumed at the node that failed; {@code completedNodes} are not restarted again.
 *
 * @param ca the operation's CA, {@code null} for a Disable operation
 */
public record RestartRetriedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        Set<String> completedNodes,
        int attempt) implements OperationStartingEvent {

    public RestartRetriedEvent {
        nodes = List.copyOf(nodes);
        completedNodes = Set.copyOf(completedNodes);
    }
}
