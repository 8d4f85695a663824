package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.util.List;
import java.util.Set;

/**
 * An event that starts or resumes a rolling restart. It carries everything a restart worker needs, so the
 * worker keeps no other state about instances.
 */
public sealed interface OperationStartingEvent extends SslEvent
        permits SslEnabledEvent, CertificateRotatedEvent, SslDisabledEvent, RestartRetriedEvent {

    String operationId();

    OperationKind kind();

    /** The CA the nodes must present after the restart; {@code null} when the operation disables SSL. */
    CertificateInfo ca();

    /** The instance's nodes as registered, with their registered roles. */
    List<NodeSpec> nodes();

    /** Number of collections on the instance; restarts take longer above 10,000. */
    int collectionCount();

    /** Nodes that already restarted in this operation (non-empty only when a failed operation is resumed). */
    Set<String> completedNodes();
}
