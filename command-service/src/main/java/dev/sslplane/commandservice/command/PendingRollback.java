package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** The last pass of the aborted operation in which a step finished. */
    private final int doneReach;
    /** Steps of the aborted operation that started and did not finish, by step key: the failed node's. */
    private final Map<String, Integer> unfinishedSteps = new LinkedHashMap<>();
    /** Unfinished steps that the read-back shows were not taken: the node still has the state before them. */
    private final Set<String> untakenSteps = new HashSet<>();
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
        aborted.startedSteps.stream().filter(step -> !aborted.doneSteps.contains(step))
                .forEach(step -> unfinishedSteps.put(step, StepKey.pass(step)));
        this.doneReach = aborted.doneSteps.stream().mapToInt(StepKey::pass).max().orElse(0);
    }

    /**
     * The nodes as the worker read them back. For the aborted operation's own read-back, an unfinished step on a
     * node that still shows the state from before it (what the abort computed for that node) was not taken: the
     * operation did not reach that pass through it, and the rollback need not undo it.
     */
    void observed(String operationId, List<NodeTlsState> states, Set<String> read) {
        if (operationId.equals(abortedOperationId)) {
            for (NodeTlsState state : states) {
                NodeTlsState computed = nodes.get(state.node());
                if (read.contains(state.node()) && computed != null && !computed.settled()
                        && NodeStates.same(computed, state)) {
                    unfinishedSteps.keySet().stream().filter(step -> StepKey.node(step).equals(state.node()))
                            .forEach(untakenSteps::add);
                }
            }
        }
        nodesLeftAs(states);
    }

    /**
     * The last pass in which a step started and, as far as the read-back shows, was taken. Never 0 while a rollback
     * is required (a node that differs for another reason still needs the procedure's rollback).
     */
    private int reached() {
        int taken = Math.max(doneReach, unfinishedSteps.entrySet().stream()
                .filter(step -> !untakenSteps.contains(step.getKey())).mapToInt(Map.Entry::getValue).max().orElse(0));
        return taken > 0 ? taken : reachedPass;
    }

    void nodesLeftAs(List<NodeTlsState> states) {
        states.forEach(state -> nodes.put(state.node(), state));
    }

    List<Pass> plan() {
        return Procedures.rollback(abortedKind, abortedPlan, reached(), target.tlsMode());
    }

    /** One line for refusal messages. */
    String describe() {
        return abortedKind + " " + abortedOperationId + " was aborted with its nodes in different TLS states";
    }
}
