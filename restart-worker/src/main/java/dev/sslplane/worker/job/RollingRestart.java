package dev.sslplane.worker.job;

import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.worker.health.HealthGate;
import dev.sslplane.worker.health.NodeHealthProbe;
import dev.sslplane.worker.health.NodeReadBack;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.progress.ProgressPublisher;
import dev.sslplane.worker.signing.CertificateSigner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs one claimed job through its stages: re-send the reports a previous owner may not have sent →
 * {@link PreFlight} (before the operation's first change) → {@link CertificateRound} → the passes left
 * ({@link PassRunner}, each node a {@link NodeStep}) → report held (a rotation waiting for its clients) or
 * completed; or, when a stage fails, report failed at the node and pass that did not make it. An abort asked for
 * ({@link AbortCheck}: before the pre-flight, the certificate round, every node step and the final report) stops
 * the run once the step in progress is done: the reports on their way are awaited, then the stopped report is
 * published and the job ends ABORTED. Entirely non-blocking: a waiting job holds no thread.
 */
public class RollingRestart {

    private static final Logger log = LoggerFactory.getLogger(RollingRestart.class);

    private final JobStore store;
    private final WorkerMetrics metrics;
    private final RunSettings settings;
    private final Clock clock;
    private final Reporting reporting;
    private final PreFlight preFlight;
    private final CertificateRound certificates;
    private final PassRunner passes;
    private final ReplicaSetClient client;
    private final AbortCheck abortCheck;

    public RollingRestart(JobStore store, NodeOperator operator, ReplicaSetClient client, CertificateSigner signer,
                          ProgressPublisher progress, WorkerMetrics metrics, RunSettings settings, Clock clock) {
        this.store = store;
        this.client = client;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.reporting = new Reporting(progress, clock);
        this.preFlight = new PreFlight(client);
        this.certificates = new CertificateRound(operator, signer);
        var nodeStep = new NodeStep(store, new RestartPass(operator, new StepDown(client, settings)),
                new RuntimePass(operator, client), new HealthGate(settings.healthPollInterval()),
                new NodeHealthProbe(client, settings.maxLag()), new NodeReadBack(client, operator), reporting,
                metrics);
        this.abortCheck = new AbortCheck(store);
        this.passes = new PassRunner(client, nodeStep, abortCheck);
    }

    /** Runs the job with no limit on restarts at once. */
    public Mono<Void> run(RestartJob job) {
        return run(job, new RestartSlots(Integer.MAX_VALUE), () -> { });
    }

    /**
     * Runs the job; its steps run within one of {@code slots}, taken once the certificates are there and given
     * back after the last checkpoint. {@code restartsDone} runs once the job has no step left (before its final
     * report), so that the caller can prepare the next job meanwhile.
     */
    public Mono<Void> run(RestartJob job, RestartSlots slots, Runnable restartsDone) {
        var run = new Run(job, settings);
        client.registered(job.instanceId(), job.nodes());
        long[] mark = {System.nanoTime()};
        return reporting.resendDone(job)
                .then(Mono.defer(() -> run.abortAsked ? Mono.error(new AbortCheck.StoppedException(
                        job.operationId())) : Mono.empty()))
                .then(Mono.defer(() -> preFlight.check(run)))
                .doOnSuccess(v -> mark[0] = lap(WorkerMetrics.Phase.PREPARE, mark[0]))
                .then(Mono.defer(() -> abortCheck.beforeNextStep(run)))
                .then(Mono.defer(() -> certificates.obtain(run)))
                .doOnSuccess(v -> mark[0] = lap(WorkerMetrics.Phase.CERTIFICATES, mark[0]))
                .then(Mono.defer(() -> steps(run, slots)))
                .then(Mono.defer(() -> {
                    restartsDone.run();
                    mark[0] = System.nanoTime();
                    return Mono.when(run.inFlight);
                }))
                // every step done: an abort asked for meanwhile is still answered with the stopped report
                .then(Mono.defer(() -> abortCheck.asked(run)))
                .flatMap(asked -> asked ? stop(run) : run.plan.holds() ? hold(run) : complete(run))
                .doOnSuccess(v -> lap(WorkerMetrics.Phase.FINISH, mark[0]))
                .onErrorResume(AbortCheck.StoppedException.class,
                        e -> Mono.defer(() -> Mono.when(run.inFlight)).then(Mono.defer(() -> stop(run))))
                .onErrorResume(NodeFailedException.class,
                        e -> Mono.defer(() -> Mono.when(run.inFlight)).then(Mono.defer(() -> fail(run, e))));
    }

    private Mono<Void> steps(Run run, RestartSlots slots) {
        List<Pass> toRun = run.passesToRun();
        if (toRun.isEmpty()) {
            return Mono.empty();
        }
        return slots.during(Flux.fromIterable(toRun).concatMap(pass -> passes.run(run, pass)).then());
    }

    private long lap(WorkerMetrics.Phase phase, long since) {
        long now = System.nanoTime();
        metrics.phase(phase, now - since);
        return now;
    }

    private Mono<Void> hold(Run run) {
        RestartJob job = run.job;
        return reporting.held(job, run.plan.lastPassToRun())
                .then(store.finish(job, JobState.HELD, null, null, clock.instant()))
                .then(Mono.defer(() -> stopIfAskedMeanwhile(run)));
    }

    private Mono<Void> complete(Run run) {
        RestartJob job = run.job;
        long total = job.startedAt() == null ? 0 : Duration.between(job.startedAt(), clock.instant()).toMillis();
        return reporting.completed(job, total)
                .then(store.finish(job, JobState.COMPLETED, null, total, clock.instant()))
                .doOnSuccess(v -> metrics.jobCompleted());
    }

    private Mono<Void> fail(Run run, NodeFailedException e) {
        metrics.failure(e.code().name());
        // the operator reads it in the progress too; the log is where a host's words are kept with the time
        log.warn("operation {} of {} failed at pass {} on {}: {} {}", run.job.operationId(), run.job.instanceId(),
                e.pass(), e.nodeName(), e.code(), e.getMessage());
        var failure = new RestartJob.Failure(e.nodeName(), e.pass(), e.code().name(), e.getMessage());
        // a failed step ends the run as well: if the abort was asked for, the run answers it after the failure
        return reporting.failed(run.job, e)
                .then(Mono.defer(() -> abortCheck.asked(run)))
                .flatMap(asked -> asked ? stop(run)
                        : store.finish(run.job, JobState.FAILED, failure, null, clock.instant())
                                .then(Mono.defer(() -> stopIfAskedMeanwhile(run))));
    }

    /**
     * An abort marked between the run's last look and its FAILED or HELD write finds the job still running, so its
     * re-arm of a job at rest missed it; the mark was written before that re-arm, hence before this read. The run
     * still holds its fence and answers the abort itself (if the re-arm did match, the run that claims the job
     * reports as well, under the same report id).
     */
    private Mono<Void> stopIfAskedMeanwhile(Run run) {
        return abortCheck.asked(run).flatMap(asked -> asked ? stop(run) : Mono.empty());
    }

    /** The abort asked for is done: no step runs any more; the reports before this one were acknowledged. */
    private Mono<Void> stop(Run run) {
        log.info("operation {} of {} stopped on request: {} of its steps done", run.job.operationId(),
                run.job.instanceId(), run.done().size());
        return reporting.stopped(run.job)
                .then(Mono.defer(() -> store.finish(run.job, JobState.ABORTED, null, null, clock.instant())));
    }
}
