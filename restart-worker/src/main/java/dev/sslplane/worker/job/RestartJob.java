package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.plan.OperationPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A durable operation run, one per operation ({@code _id} = operationId): its passes × nodes and the steps done.
 *
 * @param caPem          the operation's CA ({@code null} for Disable)
 * @param previousCaPem  the CA the nodes held before (Rotate, Disable), or {@code null}
 * @param operator       the node operator and target named at registration; {@code null} for the worker's default
 * @param holdAfterPass  the pass after which the job stops and waits (rotation hold), or {@code null}
 * @param attempt        1 for the operation's first run, N for the N-th after {@code RestartRetried}
 * @param completedSteps the checkpoint: step keys ({@code <pass>/<node>}) done and healthy in this operation
 * @param doneSteps      what was measured and read back for the steps this worker (or a previous owner) did, to
 *                       re-send their reports after a takeover
 * @param changesBegan   a step has started at some point: the pre-flight check no longer applies
 * @param failure        why the last run stopped, when it failed
 * @param outstanding    work left: steps to run, or a final report not yet published
 * @param fence          incremented by every claim; writes carry it so a worker that lost its lease cannot write
 * @param abortRequested the operation's abort was asked for: no further node step starts, and the run ends with an
 *                       {@code OperationStoppedReport} (durable, so that whoever runs the job next stops too)
 * @param targets        the members whose steps the job runs (a renewal of some members); {@code null} = every
 *                       member. The others are left alone but still count for roles and health.
 */
public record RestartJob(
        String operationId,
        String instanceId,
        OperationKind kind,
        EngineVersion engine,
        String caPem,
        String previousCaPem,
        List<Pass> passes,
        Integer holdAfterPass,
        List<NodeSpec> nodes,
        int collectionCount,
        NodeOperatorTarget operator,
        int attempt,
        JobState state,
        Set<String> completedSteps,
        Map<String, DoneStep> doneSteps,
        boolean changesBegan,
        Failure failure,
        Long totalMillis,
        boolean outstanding,
        String leaseOwner,
        Instant leaseExpiresAt,
        long fence,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean abortRequested,
        List<String> targets) {

    /** A step's measured downtime (0 for a runtime change) and the node as read back after it. */
    public record DoneStep(long unreachableMillis, NodeObservation observed) {
    }

    /** Where and why the operation stopped; {@code code} is a {@code NodeFailureCode} name. */
    public record Failure(String node, int pass, String code, String reason) {
    }

    public OperationPlan plan() {
        return new OperationPlan(kind, engine, passes, caPem, previousCaPem, holdAfterPass);
    }

    public InstanceRef instance() {
        return new InstanceRef(instanceId, collectionCount, engine, operator);
    }

    public List<String> nodeNames() {
        return nodes.stream().map(NodeSpec::name).toList();
    }

    /** The members whose steps the job runs: {@link #nodes()}, or those named in {@link #targets()}. */
    public List<NodeSpec> steppedNodes() {
        return targets == null ? nodes : nodes.stream().filter(node -> targets.contains(node.name())).toList();
    }

    public List<String> steppedNodeNames() {
        return steppedNodes().stream().map(NodeSpec::name).toList();
    }
}
