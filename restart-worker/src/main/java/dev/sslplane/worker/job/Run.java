package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.plan.OperationPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;

/** One run of a claimed job: what it knows, and what it has done so far. */
final class Run {

    final RestartJob job;
    final OperationPlan plan;
    final InstanceRef instance;
    final Duration stepTimeout;
    /** Steps done, the checkpoint's plus this run's. */
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    /** Signed chains for the certificate pass, by node name. */
    volatile Map<String, String> chains = Map.of();
    /** "Restarted" reports on their way: the next step does not wait for them, the final report does. */
    final Queue<Mono<Void>> inFlight = new ConcurrentLinkedQueue<>();
    volatile boolean changesBegan;
    /** The operation's abort was asked for (seen on the claimed job or read before a step): nothing more starts. */
    volatile boolean abortAsked;

    Run(RestartJob job, RunSettings settings) {
        this.job = job;
        this.plan = job.plan();
        this.instance = job.instance();
        this.stepTimeout = settings.stepTimeout(job.collectionCount());
        this.done.addAll(job.completedSteps());
        this.changesBegan = job.changesBegan() || !job.completedSteps().isEmpty();
        this.abortAsked = job.abortRequested();
    }

    Set<String> done() {
        return Set.copyOf(done);
    }

    void stepDone(String stepKey) {
        done.add(stepKey);
    }

    /** Every member: whom roles, health and step-downs look at. */
    List<NodeSpec> nodes() {
        return job.nodes();
    }

    /** The members whose steps run ({@link RestartJob#targets()}). */
    List<NodeSpec> steppedNodes() {
        return job.steppedNodes();
    }

    Member member(NodeSpec node) {
        return Member.of(job.instanceId(), node);
    }

    List<Pass> passesToRun() {
        return plan.passesToRun(job.steppedNodeNames(), done);
    }

    /** The first node with a step left in {@code pass}: whom a failure of the whole pass is reported against. */
    String firstRemaining(Pass pass) {
        List<String> names = job.steppedNodeNames();
        return names.stream().filter(n -> !done.contains(StepKey.of(pass.number(), n))).findFirst()
                .orElse(names.isEmpty() ? job.nodeNames().get(0) : names.get(0));
    }
}
