package dev.sslplane.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The CA was replaced ("Update Certificate"): the three passes begin (CA bundle, new certificates, new CA alone).
 * With {@code holdOldCa} the operation waits after the second pass, both CAs trusted, until rotation is finished.
 *
 * @param previousCa the CA being replaced ({@code null} in events recorded before it was carried)
 * @param operator   the node operator and its target, as registered; {@code null} when the registration named
 *                   none, and in events recorded before instances named one
 * @param nodeCertificateValidity how long the node certificates of this operation are valid (the request's or the
 *                   deployment's at the time); {@code null} in events recorded before operations chose it
 */
public record CertificateRotatedEvent(
        String instanceId,
        String operationId,
        CertificateInfo ca,
        String previousSerial,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        CertificateInfo previousCa,
        Boolean holdOldCa,
        List<Pass> passes,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity)
        implements OperationStartingEvent {

    public CertificateRotatedEvent {
        nodes = List.copyOf(nodes);
        holdOldCa = Boolean.TRUE.equals(holdOldCa);
        passes = passes == null ? null : List.copyOf(passes);
    }

    /** An operation recorded without a node-certificate validity of its own (the deployment's applies). */
    public CertificateRotatedEvent(String instanceId, String operationId, CertificateInfo ca, String previousSerial,
                                   List<NodeSpec> nodes, int collectionCount, String engineVersion,
                                   CertificateInfo previousCa, Boolean holdOldCa, List<Pass> passes,
                                   NodeOperatorTarget operator) {
        this(instanceId, operationId, ca, previousSerial, nodes, collectionCount, engineVersion, previousCa,
                holdOldCa, passes, operator, null);
    }

    /** An operation of an instance that named no operator. */
    public CertificateRotatedEvent(String instanceId, String operationId, CertificateInfo ca, String previousSerial,
                                   List<NodeSpec> nodes, int collectionCount, String engineVersion,
                                   CertificateInfo previousCa, Boolean holdOldCa, List<Pass> passes) {
        this(instanceId, operationId, ca, previousSerial, nodes, collectionCount, engineVersion, previousCa,
                holdOldCa, passes, null);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.ROTATE;
    }

    @Override
    public Integer holdAfterPass() {
        return holdOldCa() ? Procedures.ROTATION_HOLD_PASS : null;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
