package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The nodes of an aborted operation were read back from themselves: their TLS states replace the ones
 * {@link OperationAbortedEvent} computed. A node that could not be read keeps its computed state and is named in
 * {@code unreadNodes} with the reason.
 *
 * @param nodes            every node of the aborted operation: the observed state (settled), or the computed one
 *                         for an unread node
 * @param unreadNodes      the nodes that could not be read, by name, with the reason
 * @param rollbackRequired whether the instance still needs the rollback. An observation never raises the need; it
 *                         lifts it when every node was read and each has the state before the aborted operation
 *                         again, and the instance then has that state ({@code sslStatus}, {@code tlsMode},
 *                         {@code ca}), as after an abort that changed nothing
 * @param sslStatus        the SSL status before the aborted operation (as in {@link OperationAbortedEvent})
 * @param tlsMode          the mode every node had then
 * @param ca               the CA the nodes trusted then; {@code null} with SSL disabled
 */
public record NodeTlsStatesObservedEvent(
        String instanceId,
        String operationId,
        Instant observedAt,
        List<NodeTlsState> nodes,
        Map<String, String> unreadNodes,
        boolean rollbackRequired,
        SslStatus sslStatus,
        TlsMode tlsMode,
        CertificateInfo ca) implements SslEvent {

    public NodeTlsStatesObservedEvent {
        nodes = List.copyOf(nodes);
        unreadNodes = unreadNodes == null ? Map.of() : Map.copyOf(unreadNodes);
    }
}
