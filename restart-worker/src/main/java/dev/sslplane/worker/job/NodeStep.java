package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.worker.health.HealthExpectation;
import dev.sslplane.worker.health.HealthGate;
import dev.sslplane.worker.health.NodeHealthProbe;
import dev.sslplane.worker.health.NodeReadBack;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.plan.PlannedStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One node's step of one pass: report started → change the node ({@link RestartPass} or {@link RuntimePass}) →
 * health gate → read the node back → checkpoint → report restarted. Change, gate and read-back share the step
 * timeout. The started report is sent before the change but its acknowledgement is awaited alongside it; the
 * restarted report is sent after the checkpoint and acknowledged before the run's final report (the producer
 * keeps their order; a lost report fails the run, which resumes from the checkpoint).
 */
final class NodeStep {

    private static final Logger log = LoggerFactory.getLogger(NodeStep.class);

    private record Outcome(long unreachableMillis, NodeObservation observed) {
    }

    private final JobStore store;
    private final RestartPass restartPass;
    private final RuntimePass runtimePass;
    private final HealthGate gate;
    private final NodeHealthProbe probe;
    private final NodeReadBack readBack;
    private final Reporting reporting;
    private final WorkerMetrics metrics;

    NodeStep(JobStore store, RestartPass restartPass, RuntimePass runtimePass, HealthGate gate,
             NodeHealthProbe probe, NodeReadBack readBack, Reporting reporting, WorkerMetrics metrics) {
        this.store = store;
        this.restartPass = restartPass;
        this.runtimePass = runtimePass;
        this.gate = gate;
        this.probe = probe;
        this.readBack = readBack;
        this.reporting = reporting;
        this.metrics = metrics;
    }

    Mono<Void> run(Run run, PlannedStep step) {
        long began = System.nanoTime();
        var phase = new StepPhase();
        Mono<Outcome> work = Mono.defer(() -> change(run, step, phase))
                .timeout(run.stepTimeout)
                .onErrorMap(e -> !(e instanceof LeaseLostException),
                        e -> StepFailures.of(step.node().name(), step.pass().number(), e, phase, run.stepTimeout));
        return firstChange(run)
                .then(Mono.zip(reporting.started(run.job, step, run.stepTimeout).thenReturn(true), work))
                .flatMap(both -> checkpoint(run, step, both.getT2(), began));
    }

    /** The operation's first step ever: recorded first, so that a retry does not run the pre-flight check again. */
    private Mono<Void> firstChange(Run run) {
        if (run.changesBegan) {
            return Mono.empty();
        }
        return store.changesBegin(run.job).doOnSuccess(v -> run.changesBegan = true);
    }

    private Mono<Outcome> change(Run run, PlannedStep step, StepPhase phase) {
        NodeChange change = step.pass().action() == PassAction.RESTART ? restartPass : runtimePass;
        var expectation = new HealthExpectation(step.pass().mode(), run.plan.expectedIssuer(step.pass()),
                run.plan.control(step.pass()));
        return change.apply(run, step, phase).flatMap(wentDown -> Mono.defer(() -> {
                    phase.enter("waiting for the health gate", NodeFailureCode.UNHEALTHY);
                    return gate.awaitHealthy(() -> probe.check(run.job.instanceId(), run.nodes(), step.node(),
                            expectation), phase::lastReason);
                })
                .then(Mono.fromSupplier(() -> wentDown < 0 ? 0L : (System.nanoTime() - wentDown) / 1_000_000))
                .flatMap(millis -> Mono.defer(() -> {
                    phase.enter("reading the node back", NodeFailureCode.UNHEALTHY);
                    return readBack.observe(run.instance, step.node(), expectation.control());
                }).retryWhen(StepFailures.transientRetry(phase)).map(observed -> new Outcome(millis, observed))));
    }

    /** The checkpoint first; the report is sent at once and acknowledged later. */
    private Mono<Void> checkpoint(Run run, PlannedStep step, Outcome outcome, long began) {
        if (step.pass().action() == PassAction.RESTART) {
            metrics.nodeRestarted(outcome.unreachableMillis());
        }
        long checkpointing = System.nanoTime();
        return store.stepDone(run.job, step.key(), outcome.unreachableMillis(), outcome.observed())
                .then(Mono.fromRunnable(() -> {
                    run.stepDone(step.key());
                    metrics.phase(WorkerMetrics.Phase.CHECKPOINT, System.nanoTime() - checkpointing);
                    metrics.phase(WorkerMetrics.Phase.NODE, System.nanoTime() - began);
                    Mono<Void> report = reporting.restarted(run.job, step.pass().number(), step.node().name(),
                            outcome.unreachableMillis(), outcome.observed()).cache();
                    // subscribed now so that it is sent now; its outcome is awaited before the final report
                    report.subscribe(v -> { }, e -> log.debug("report of step {} of {} not acknowledged yet: {}",
                            step.key(), run.job.operationId(), e.toString()));
                    run.inFlight.add(report);
                }));
    }
}
