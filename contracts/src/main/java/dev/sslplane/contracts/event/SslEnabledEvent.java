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
 * SSL was switched on: a new CA was issued and the passes begin (allowTLS, then preferTLS, then requireTLS when
 * {@code requireTls}).
 *
 * @param operator the node operator and its target, as registered; {@code null} when the registration named
 *                 none, and in events recorded before instances named one
 * @param nodeCertificateValidity how long the node certificates of this operation are valid (the request's or the
 *                 deployment's at the time); {@code null} in events recorded before operations chose it
 */
public record SslEnabledEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        Boolean requireTls,
        List<Pass> passes,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity)
        implements OperationStartingEvent {

    public SslEnabledEvent {
        nodes = List.copyOf(nodes);
        requireTls = Boolean.TRUE.equals(requireTls);
        passes = passes == null ? null : List.copyOf(passes);
    }

    /** An operation recorded without a node-certificate validity of its own (the deployment's applies). */
    public SslEnabledEvent(String instanceId, String operationId, CertificateInfo ca, List<NodeSpec> nodes,
                           int collectionCount, String engineVersion, Boolean requireTls, List<Pass> passes,
                           NodeOperatorTarget operator) {
        this(instanceId, operationId, ca, nodes, collectionCount, engineVersion, requireTls, passes, operator, null);
    }

    /** An operation of an instance that named no operator. */
    public SslEnabledEvent(String instanceId, String operationId, CertificateInfo ca, List<NodeSpec> nodes,
                           int collectionCount, String engineVersion, Boolean requireTls, List<Pass> passes) {
        this(instanceId, operationId, ca, nodes, collectionCount, engineVersion, requireTls, passes, null);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.ENABLE;
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
