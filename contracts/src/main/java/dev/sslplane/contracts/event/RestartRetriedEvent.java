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
 * A failed operation is resumed at the step that failed; {@code completedSteps} (and, in older events,
 * {@code completedNodes} of pass 1) are not done again.
 *
 * @param ca       the operation's CA, {@code null} for a Disable operation
 * @param operator the node operator and its target, as registered; {@code null} when the registration named
 *                 none, and in events recorded before instances named one
 * @param nodeCertificateValidity the operation's node-certificate validity, restated; {@code null} for operations
 *                 that issue no certificates and in events recorded before operations chose it
 * @param targets  the members the operation drives, restated ({@link OperationStartingEvent#targets()}); {@code null}
 *                 (or empty) = every member, and in events recorded before operations could target members
 */
public record RestartRetriedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        CertificateInfo ca,
        List<NodeSpec> nodes,
        int collectionCount,
        Set<String> completedNodes,
        int attempt,
        String engineVersion,
        CertificateInfo previousCa,
        List<Pass> passes,
        Set<String> completedSteps,
        Integer holdAfterPass,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity,
        List<String> targets)
        implements OperationStartingEvent {

    public RestartRetriedEvent {
        nodes = List.copyOf(nodes);
        targets = targets == null || targets.isEmpty() ? null : List.copyOf(targets);
        completedNodes = completedNodes == null ? Set.of() : Set.copyOf(completedNodes);
        completedSteps = completedSteps == null ? Set.of() : Set.copyOf(completedSteps);
        passes = passes == null ? null : List.copyOf(passes);
    }

    /** An operation over every member. */
    public RestartRetriedEvent(String instanceId, String operationId, OperationKind kind, CertificateInfo ca,
                               List<NodeSpec> nodes, int collectionCount, Set<String> completedNodes, int attempt,
                               String engineVersion, CertificateInfo previousCa, List<Pass> passes,
                               Set<String> completedSteps, Integer holdAfterPass, NodeOperatorTarget operator,
                               Duration nodeCertificateValidity) {
        this(instanceId, operationId, kind, ca, nodes, collectionCount, completedNodes, attempt, engineVersion,
                previousCa, passes, completedSteps, holdAfterPass, operator, nodeCertificateValidity, null);
    }

    /** An operation recorded without a node-certificate validity of its own (the deployment's applies). */
    public RestartRetriedEvent(String instanceId, String operationId, OperationKind kind, CertificateInfo ca,
                               List<NodeSpec> nodes, int collectionCount, Set<String> completedNodes, int attempt,
                               String engineVersion, CertificateInfo previousCa, List<Pass> passes,
                               Set<String> completedSteps, Integer holdAfterPass, NodeOperatorTarget operator) {
        this(instanceId, operationId, kind, ca, nodes, collectionCount, completedNodes, attempt, engineVersion,
                previousCa, passes, completedSteps, holdAfterPass, operator, null);
    }

    /** An operation of an instance that named no operator. */
    public RestartRetriedEvent(String instanceId, String operationId, OperationKind kind, CertificateInfo ca,
                               List<NodeSpec> nodes, int collectionCount, Set<String> completedNodes, int attempt,
                               String engineVersion, CertificateInfo previousCa, List<Pass> passes,
                               Set<String> completedSteps, Integer holdAfterPass) {
        this(instanceId, operationId, kind, ca, nodes, collectionCount, completedNodes, attempt, engineVersion,
                previousCa, passes, completedSteps, holdAfterPass, null);
    }
}
