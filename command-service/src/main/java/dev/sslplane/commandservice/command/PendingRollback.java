package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An aborted operation whose nodes need its rollback: which state the rollback brings back, from how far the
 * operation got. It stays until a rollback completes, so an aborted rollback is followed by another one of the same
 * operation. Mutated only by the aggregate's event-sourcing handlers.
 */
final class PendingRollback {

    final String abortedOperationId;
    final OperationKind abortedKind;
    private final List<Pass> abortedPlan;
    /** The last pass of the aborted operation in which any step started. */
    private final int reachedPass;
    /** What the rollback restores. */
    final InstanceTls target;
    /** The aborted operation's own CA, which nodes may trust or present now; {@code null} when it had none. */
    final CertificateInfo abortedCa;
    /** Each node as the last abort left it. */
    final Map<String, NodeTlsState> nodes = new LinkedHashMap<>();

    PendingRollback(RestartOperation aborted) {
        this.abortedOperationId = aborted.operationId;
        this.abortedKind = aborted.kind;
        this.abortedPlan = aborted.plan.passes();
        this.reachedPass = aborted.startedSteps.stream().mapToInt(StepKey::pass).max().orElse(0);
        this.target = aborted.before;
        boolean ownCa = aborted.ca != null && (target.ca() == null
                || !aborted.ca.serial().equals(target.ca().serial()));
        this.abortedCa = ownCa ? aborted.ca : null;
    }

    void nodesLeftAs(List<NodeTlsState> states) {
        states.forEach(state -> nodes.put(state.node(), state));
    }

    List<Pass> plan() {
        return Procedures.rollback(abortedKind, abortedPlan, reachedPass, target.tlsMode());
    }

    /** One line for refusal messages. */
    String describe() {
        return abortedKind + " " + abortedOperationId + " was aborted with its nodes in different TLS states";
    }
}
