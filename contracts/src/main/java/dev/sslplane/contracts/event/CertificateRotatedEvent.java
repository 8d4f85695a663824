package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.util.List;
import java.util.Set;

/** The CA was replaced ("Update Certificate"); a rolling restart with new certificates begins. */
public record CertificateRotatedEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        String previousSerial,
        List<NodeSpec> nodes,
        int collectionCount) implements OperationStartingEvent {

    public CertificateRotatedEvent {
        nodes = List.copyOf(nodes);
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
