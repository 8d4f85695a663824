package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rolling restart an instance is going through. Mutated only by the aggregate's event-sourcing handlers.
 */
final class RestartOperation {

    enum State {
        RUNNING,
        FAILED
    }

    final String operationId;
    final OperationKind kind;
    final CertificateInfo ca;
    State state = State.RUNNING;
    int attempt = 1;
    final Set<String> startedNodes = new LinkedHashSet<>();
    final Set<String> restartedNodes = new LinkedHashSet<>();
    String failedNode;
    String failureReason;

    RestartOperation(String operationId, OperationKind kind, CertificateInfo ca) {
        this.operationId = operationId;
        this.kind = kind;
        this.ca = ca;
    }

    boolean isRunning(String id) {
        return state == State.RUNNING && operationId.equals(id);
    }

    /** What a refused client is told about the operation in its way. */
    Map<String, Object> progress(int nodesTotal) {
        var progress = new java.util.LinkedHashMap<String, Object>();
        progress.put("operationId", operationId);
        progress.put("kind", kind.name());
        progress.put("state", state.name());
        progress.put("nodesDone", restartedNodes.size());
        progress.put("nodesTotal", nodesTotal);
        if (failedNode != null) {
            progress.put("failedNode", failedNode);
            progress.put("failureReason", failureReason);
        }
        return progress;
    }
}
