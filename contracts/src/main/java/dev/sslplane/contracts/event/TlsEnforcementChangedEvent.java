package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.util.List;
import java.util.Set;

/**
 * TLS enforcement changes while SSL stays enabled: {@code requireTls} moves every node to requireTLS at run time,
 * otherwise a rolling restart takes them back to preferTLS. {@code ca} is the instance's current CA.
 */
public record TlsEnforcementChangedEvent(
        String instanceId,
        String operationId,
        boolean requireTls,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        List<Pass> passes) implements OperationStartingEvent {

    public TlsEnforcementChangedEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
    }

    @Override
    public OperationKind kind() {
        return requireTls ? OperationKind.ENFORCE_TLS : OperationKind.RELAX_TLS;
    }

    @Override
    public CertificateInfo previousCa() {
        return null;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
