package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.util.List;
import java.util.Set;

/** SSL was switched off; a rolling restart without TLS begins. The CA with {@code previousSerial} is retired. */
public record SslDisabledEvent(
        String instanceId,
        String operationId,
        String previousSerial,
        List<NodeSpec> nodes,
        int collectionCount) implements OperationStartingEvent {

    public SslDisabledEvent {
        nodes = List.copyOf(nodes);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.DISABLE;
    }

    @Override
    public CertificateInfo ca() {
        return null;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
