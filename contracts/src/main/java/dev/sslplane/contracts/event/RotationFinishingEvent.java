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
 * A rotation that waited for clients goes on with its last pass: every node keeps the new CA alone.
 *
 * @param operator the node operator and its target, as registered; {@code null} when the registration named
 *                 none, and in events recorded before instances named one
 * @param nodeCertificateValidity the rotation's node-certificate validity, restated; {@code null} in events
 *                 recorded before operations chose it
 */
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
        int attempt,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity)
        implements OperationStartingEvent {

    public RotationFinishingEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
        completedSteps = Set.copyOf(completedSteps);
    }

    /** An operation recorded without a node-certificate validity of its own (the deployment's applies). */
    public RotationFinishingEvent(String instanceId, String operationId, CertificateInfo ca,
                                  CertificateInfo previousCa, List<NodeSpec> nodes, int collectionCount,
                                  String engineVersion, List<Pass> passes, Set<String> completedSteps, int attempt,
                                  NodeOperatorTarget operator) {
        this(instanceId, operationId, ca, previousCa, nodes, collectionCount, engineVersion, passes, completedSteps,
                attempt, operator, null);
    }

    /** An operation of an instance that named no operator. */
    public RotationFinishingEvent(String instanceId, String operationId, CertificateInfo ca,
                                  CertificateInfo previousCa, List<NodeSpec> nodes, int collectionCount,
                                  String engineVersion, List<Pass> passes, Set<String> completedSteps, int attempt) {
        this(instanceId, operationId, ca, previousCa, nodes, collectionCount, engineVersion, passes, completedSteps,
                attempt, null);
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
