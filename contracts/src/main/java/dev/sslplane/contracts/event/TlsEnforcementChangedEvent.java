package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.util.List;
import java.util.Set;

/**
 * TLS enforcement changes while SSL stays enabled: {@code requireTls} moves every node to requireTLS at run time,
 * otherwise a rolling restart takes them back to preferTLS. {@code ca} is the instance's current CA.
 *
 * @param operator the node operator and its target, as registered; {@code null} when the registration named
 *                 none, and in events recorded before instances named one
 */
public record TlsEnforcementChangedEvent(
        String instanceId,
        String operationId,
        boolean requireTls,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        List<Pass> passes,
        NodeOperatorTarget operator) implements OperationStartingEvent {

    public TlsEnforcementChangedEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
    }

    /** An operation of an instance that named no operator. */
    public TlsEnforcementChangedEvent(String instanceId, String operationId, boolean requireTls, CertificateInfo ca,
                                      List<NodeSpec> nodes, int collectionCount, String engineVersion,
                                      List<Pass> passes) {
        this(instanceId, operationId, requireTls, ca, nodes, collectionCount, engineVersion, passes, null);
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
