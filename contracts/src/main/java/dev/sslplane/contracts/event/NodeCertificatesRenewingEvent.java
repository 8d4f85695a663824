package dev.sslplane.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every node, or the members named in {@code targets}, gets a new certificate from the instance's current CA in one
 * rolling restart ({@code NEW_CERTIFICATES}); the CA, the mode and what clients trust stay as they are.
 *
 * @param nodes    the instance's members, all of them, also when only some are renewed
 * @param ca       the instance's current CA, which signs the new node certificates
 * @param operator the node operator and its target, as registered; {@code null} when the registration named none
 * @param nodeCertificateValidity how long the new node certificates are valid (the deployment's setting when the
 *                 renewal was accepted); never beyond the CA's own expiry
 * @param targets  the members renewed (and restarted), in member order; {@code null} (events of version 1) or empty
 *                 = every member
 */
public record NodeCertificatesRenewingEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        List<Pass> passes,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity,
        List<String> targets)
        implements OperationStartingEvent {

    public NodeCertificatesRenewingEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
        targets = targets == null || targets.isEmpty() ? null : List.copyOf(targets);
    }

    /** Renewing every member. */
    public NodeCertificatesRenewingEvent(String instanceId, String operationId, CertificateInfo ca,
                                         List<NodeSpec> nodes, int collectionCount, String engineVersion,
                                         List<Pass> passes, NodeOperatorTarget operator,
                                         Duration nodeCertificateValidity) {
        this(instanceId, operationId, ca, nodes, collectionCount, engineVersion, passes, operator,
                nodeCertificateValidity, null);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.RENEW_NODE_CERTIFICATES;
    }

    /** The CA does not change: there is no previous one. */
    @Override
    public CertificateInfo previousCa() {
        return null;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
