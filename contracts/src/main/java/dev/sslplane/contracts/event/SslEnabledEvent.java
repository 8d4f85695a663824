package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.util.List;
import java.util.Set;

/** SSL was switched on: a new CA was issued and a rolling restart with TLS begins. */
public record SslEnabledEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount) implements OperationStartingEvent {

    public SslEnabledEvent {
        nodes = List.copyOf(nodes);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.ENABLE;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
