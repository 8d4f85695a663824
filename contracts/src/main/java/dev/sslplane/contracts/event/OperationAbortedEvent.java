package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import java.time.Instant;
import java.util.List;

/**
 * The operation ended without finishing: no step of it runs any more and the instance is no longer held by it.
 *
 * @param stateBefore      {@code RUNNING} (stopped after the node in progress), {@code FAILED} or
 *                         {@code WAITING_FOR_CLIENTS}: where the operation was when the abort was asked for
 * @param nodes            each node's TLS state as the operation left it
 * @param rollbackRequired the nodes differ from the state before the operation, so only a rollback may run next;
 *                         when {@code false} the instance has that state again ({@code sslStatus}, {@code tlsMode},
 *                         {@code ca})
 * @param sslStatus        the instance's SSL status before the operation (for an aborted rollback: before the
 *                         operation it rolled back), which a rollback restores
 * @param tlsMode          the mode every node had then
 * @param ca               the CA the nodes trusted then; {@code null} with SSL disabled
 */
public record OperationAbortedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        String stateBefore,
        Instant abortedAt,
        List<NodeTlsState> nodes,
        boolean rollbackRequired,
        SslStatus sslStatus,
        TlsMode tlsMode,
        CertificateInfo ca) implements SslEvent {

    public OperationAbortedEvent {
        nodes = List.copyOf(nodes);
    }
}
