package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import java.util.List;
import java.util.Set;

/**
 * SSL was switched off: the passes down to {@code disabled} begin. The CA with {@code previousSerial} is retired;
 * the nodes present certificates it issued until the last pass.
 *
 * @param operator the node operator and its target, as registered; {@code null} when the registration named
 *                 none, and in events recorded before instances named one
 */
public record SslDisabledEvent(
        String instanceId,
        String operationId,
        String previousSerial,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        CertificateInfo previousCa,
        List<Pass> passes,
        NodeOperatorTarget operator) implements OperationStartingEvent {

    public SslDisabledEvent {
        nodes = List.copyOf(nodes);
        passes = passes == null ? null : List.copyOf(passes);
    }

    /** An operation of an instance that named no operator. */
    public SslDisabledEvent(String instanceId, String operationId, String previousSerial, List<NodeSpec> nodes,
                            int collectionCount, String engineVersion, CertificateInfo previousCa, List<Pass> passes) {
        this(instanceId, operationId, previousSerial, nodes, collectionCount, engineVersion, previousCa, passes, null);
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
