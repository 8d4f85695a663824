package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.util.List;
import java.util.Set;

/** A rotation that waited for clients goes on with its last pass: every node keeps the new CA alone. */
public record RotationFinishingEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        CertificateInfo previousCa,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        List<Pass> passes,
        Set<String> completedSteps,
        int attempt) implements OperationStartingEvent {

    public RotationFinishingEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
        completedSteps = Set.copyOf(completedSteps);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.ROTATE;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
