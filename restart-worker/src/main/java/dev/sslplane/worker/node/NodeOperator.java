package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The one place that touches nodes. The job engine only calls this interface (and a
 * {@link dev.sslplane.worker.health.NodeProbe}), so a production operator — a Kubernetes operator patching a
 * StatefulSet, an agent on each host — is a new implementation chosen by {@code worker.node-operator}, with no
 * change to the engine.
 *
 * <p>Every method is non-blocking and may be called again for the same node after a worker crash, so each must be
 * idempotent from the node's point of view. Errors: a {@link NodeOperatorException} that is not
 * {@linkplain NodeOperatorException#retryable() retryable} fails the node at once; any other error is retried
 * within the step timeout.
 */
public interface NodeOperator {

    /**
     * The instance's nodes as they are now (current role, address), making sure the operator manages them.
     * The registered role is only a hint: a primary may have moved.
     */
    Mono<List<NodeState>> inspect(InstanceRef instance, List<NodeSpec> nodes);

    /** Best effort: get ready to manage a newly registered instance. */
    default Mono<Void> provision(InstanceRef instance, List<NodeSpec> nodes) {
        return Mono.empty();
    }

    /**
     * Has the node make a fresh key pair where it lives and returns a PKCS#10 request (PEM) carrying exactly
     * {@code subjectAltNames}. The private key never leaves the node.
     */
    Mono<String> createCsr(InstanceRef instance, NodeState node, List<String> subjectAltNames);

    /** Hands the primary role to another member before the node is restarted. */
    Mono<Void> stepDown(InstanceRef instance, NodeState node);

    /**
     * Applies the settings and restarts the node. Completes once the node process runs again (the health gate
     * then decides whether it is usable); the node is unreachable from the call until then.
     */
    Mono<Void> restart(InstanceRef instance, NodeState node, TlsSettings settings);
}
