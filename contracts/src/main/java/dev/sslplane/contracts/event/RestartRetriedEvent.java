package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.util.List;
import java.util.Set;

/**
 * A failed operation is resumed at the step that failed; {@code completedSteps} (and, in older events,
 * {@code completedNodes} of pass 1) are not done again.
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
        int attempt,
        String engineVersion,
        CertificateInfo previousCa,
        List<Pass> passes,
        Set<String> completedSteps,
        Integer holdAfterPass) implements OperationStartingEvent {

    public RestartRetriedEvent {
        nodes = List.copyOf(nodes);
        completedNodes = completedNodes == null ? Set.of() : Set.copyOf(completedNodes);
        completedSteps = completedSteps == null ? Set.of() : Set.copyOf(completedSteps);
        passes = passes == null ? null : List.copyOf(passes);
    }
}
