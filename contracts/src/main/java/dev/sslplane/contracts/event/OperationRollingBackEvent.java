package dev.sslplane.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.Pass;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A rollback starts: its passes ({@link Procedures#rollback}) bring every node back to the mode and CA it had
 * before the aborted operation {@code abortedOperationId}. Its own operation id is {@code operationId}.
 *
 * @param ca                      the CA the nodes trust and present afterwards (the one before the aborted
 *                                operation); {@code null} when the rollback leaves TLS disabled
 * @param previousCa              the aborted operation's CA, which the nodes may trust or present now; {@code null}
 *                                when it had none (an aborted Disable)
 * @param caKeyOperationId        the operation under which the vault keeps {@code ca}'s key, for the certificates
 *                                a rollback re-issues; {@code null} when {@code ca} is
 * @param nodeCertificateValidity how long re-issued node certificates are valid; {@code null} when none are issued
 */
public record OperationRollingBackEvent(
        String instanceId,
        String operationId,
        String abortedOperationId,
        OperationKind abortedKind,
        CertificateInfo ca,
        CertificateInfo previousCa,
        String caKeyOperationId,
        List<NodeSpec> nodes,
        int collectionCount,
        String engineVersion,
        List<Pass> passes,
        NodeOperatorTarget operator,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration nodeCertificateValidity)
        implements OperationStartingEvent {

    public OperationRollingBackEvent {
        nodes = List.copyOf(nodes);
        passes = List.copyOf(passes);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.ROLLBACK;
    }

    @Override
    public Set<String> completedNodes() {
        return Set.of();
    }
}
