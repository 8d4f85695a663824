package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operation an instance is going through: its plan and which steps (pass × node) are started and done.
 * Mutated only by the aggregate's event-sourcing handlers.
 */
final class RestartOperation {

    enum State {
        RUNNING,
        FAILED,
        /** A rotation with holdOldCa finished its hold pass; it waits for a finish command. */
        WAITING_FOR_CLIENTS,
        /** Abort was asked for while it ran: the step in progress finishes, then the worker stops. */
        ABORTING
    }

    final String operationId;
    final OperationKind kind;
    final CertificateInfo ca;
    final CertificateInfo previousCa;
    /** Replaced only when the members change while the operation is FAILED ({@link #membersChanged}). */
    OperationProgress plan;
    /** The members it drives ({@link OperationStartingEvent#targets()}); {@code null} = every member. */
    List<String> targets;
    /** Every member's name, driven or not: tells a member that joins while it is FAILED from one that stayed. */
    private Set<String> members;
    /** The node-certificate validity the operation chose; {@code null} for none recorded (the deployment's). */
    final Duration nodeCertificateValidity;
    Integer holdAfterPass;
    State state = State.RUNNING;
    int attempt = 1;
    final Set<String> startedSteps = new LinkedHashSet<>();
    final Set<String> doneSteps = new LinkedHashSet<>();
    String failedNode;
    Integer failedPass;
    String failureReason;
    String failureCode;
    Instant waitingSince;
    /** Members that left while this operation was FAILED; their names are not reused within it. */
    final Set<String> departed = new LinkedHashSet<>();
    /** The instance as it was before; for a rollback, what it brings back. An abort restores it when it can. */
    final InstanceTls before;
    /** Nodes whose state before differs from {@link #before} (a rollback's nodes, as the abort left them). */
    private final Map<String, NodeTlsState> nodesBefore;

    /**
     * @param previousCa the CA the nodes held before; the event's, or for events recorded before it was carried,
     *                   the CA the aggregate had until this event
     */
    RestartOperation(OperationStartingEvent event, List<NodeSpec> nodes, CertificateInfo previousCa,
                     InstanceTls before, Map<String, NodeTlsState> nodesBefore) {
        this.before = before;
        this.nodesBefore = Map.copyOf(nodesBefore);
        this.operationId = event.operationId();
        this.kind = event.kind();
        this.ca = event.ca();
        this.previousCa = previousCa;
        this.targets = event.targets();
        this.members = names(nodes);
        this.plan = new OperationProgress(event.plan(), RenewalTargets.stepped(nodes, targets));
        this.nodeCertificateValidity = event.nodeCertificateValidity();
        this.holdAfterPass = event.holdAfterPass();
        this.doneSteps.addAll(event.doneSteps());
        this.startedSteps.addAll(event.doneSteps());
    }

    /**
     * The members changed while this operation is FAILED: its retry drives the new list. A member that left takes
     * its steps with it (a replacement, which has a name of its own, starts from its first step in every pass),
     * and the steps of the members that stay remain done. An operation driving some members only
     * ({@link RenewalTargets#afterMembersChanged}) drops the ones that left and drives the ones that joined.
     */
    void membersChanged(List<NodeSpec> nodes) {
        Set<String> names = names(nodes);
        plan.nodeNames().stream().filter(name -> !names.contains(name)).forEach(departed::add);
        targets = RenewalTargets.afterMembersChanged(targets, members, nodes);
        members = names;
        plan = plan.withNodes(RenewalTargets.stepped(nodes, targets));
        doneSteps.removeIf(step -> !names.contains(StepKey.node(step)));
        startedSteps.removeIf(step -> !names.contains(StepKey.node(step)));
    }

    private static Set<String> names(List<NodeSpec> nodes) {
        return new LinkedHashSet<>(nodes.stream().map(NodeSpec::name).toList());
    }

    /** Whether steps of operation {@code id} run, or finish (aborting): their reports still count. */
    boolean isRunning(String id) {
        return (state == State.RUNNING || state == State.ABORTING) && operationId.equals(id);
    }

    NodeTlsState startOf(String node) {
        return NodeStates.startOf(node, before, nodesBefore);
    }

    /** Whether the nodes may differ from {@link #before} once it stops: a step started, or it rolls back. */
    boolean changedNodes() {
        return switch (kind) {
            case RENEW_NODE_CERTIFICATES -> false;
            case ROLLBACK -> true;
            default -> !startedSteps.isEmpty();
        };
    }

    /** The pass a refusal talks about: the one it failed in, the one it waits after, or the one under way. */
    int shownPass() {
        if (state == State.FAILED && failedPass != null) {
            return failedPass;
        }
        if (state == State.WAITING_FOR_CLIENTS && holdAfterPass != null) {
            return holdAfterPass;
        }
        return plan.currentPass(doneSteps);
    }

    /** One line for refusal messages: {@code ROTATE op-1, pass 2/3 NEW_CERTIFICATES, 1/3 nodes done}. */
    String describe() {
        int pass = shownPass();
        if (state == State.WAITING_FOR_CLIENTS) {
            return kind + " " + operationId + ", waiting for clients after " + plan.describe(pass);
        }
        return kind + " " + operationId + ", " + plan.describe(pass) + ", " + plan.nodesDone(pass, doneSteps) + "/"
                + plan.nodeCount() + " nodes done";
    }

    /** What a refused client is told about the operation in its way. */
    Map<String, Object> progress() {
        int pass = shownPass();
        var progress = new LinkedHashMap<String, Object>();
        progress.put("operationId", operationId);
        progress.put("kind", kind.name());
        progress.put("state", state.name());
        progress.put("pass", pass);
        progress.put("passes", plan.passCount());
        progress.put("passName", plan.passes().get(pass - 1).name());
        progress.put("passLabel", plan.describe(pass));
        progress.put("nodesDone", plan.nodesDone(pass, doneSteps));
        progress.put("nodesTotal", plan.nodeCount());
        progress.put("stepsDone", doneSteps.size());
        progress.put("stepsTotal", plan.stepCount());
        if (state == State.WAITING_FOR_CLIENTS && waitingSince != null) {
            progress.put("awaitingClientsSince", waitingSince.toString());
        }
        putIfPresent(progress, "failedNode", failedNode);
        putIfPresent(progress, "failureReason", failureReason);
        putIfPresent(progress, "failureCode", failureCode);
        return progress;
    }

    // refusal details are copied into an immutable map, which holds no nulls
    private static void putIfPresent(Map<String, Object> progress, String key, Object value) {
        if (value != null) {
            progress.put(key, value);
        }
    }
}
