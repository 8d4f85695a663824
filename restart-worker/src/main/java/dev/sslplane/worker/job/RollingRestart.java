package dev.sslplane.worker.job;

import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.worker.health.HealthExpectation;
import dev.sslplane.worker.health.HealthGate;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeState;
import dev.sslplane.worker.node.TlsSettings;
import dev.sslplane.worker.plan.RestartPlanner;
import dev.sslplane.worker.plan.RestartStep;
import dev.sslplane.worker.progress.ProgressPublisher;
import dev.sslplane.worker.signing.CertificateSigner;
import dev.sslplane.worker.signing.SigningRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs one claimed job: plan from the nodes' current roles, get every remaining node's certificate (Enable and
 * Rotate), then per node report started, restart, pass the health gate, checkpoint, report restarted; finally
 * report completed, or failed at the node that did not make it. Entirely non-blocking: a waiting job holds no thread.
 */
public class RollingRestart {

    private final JobStore store;
    private final NodeOperator operator;
    private final CertificateSigner signer;
    private final HealthGate gate;
    private final ProgressPublisher progress;
    private final WorkerMetrics metrics;
    private final Duration stepTimeout;
    private final Clock clock;

    public RollingRestart(JobStore store, NodeOperator operator, CertificateSigner signer, HealthGate gate,
                          ProgressPublisher progress, WorkerMetrics metrics, Duration stepTimeout, Clock clock) {
        this.store = store;
        this.operator = operator;
        this.signer = signer;
        this.gate = gate;
        this.progress = progress;
        this.metrics = metrics;
        this.stepTimeout = stepTimeout;
        this.clock = clock;
    }

    /** Runs the job with no limit on restarts at once. */
    public Mono<Void> run(RestartJob job) {
        return run(job, new RestartSlots(Integer.MAX_VALUE));
    }

    /**
     * Runs the job; its nodes are restarted within one of {@code slots}, taken once the certificates are there
     * and given back after the last checkpoint (the final report does not hold up the next job).
     */
    public Mono<Void> run(RestartJob job, RestartSlots slots) {
        return run(job, slots, () -> { });
    }

    /**
     * As {@link #run(RestartJob, RestartSlots)}; {@code restartsDone} runs once the job has no node left to restart
     * (after its last checkpoint, before its final report), so that the caller can prepare the next job meanwhile.
     */
    public Mono<Void> run(RestartJob job, RestartSlots slots, Runnable restartsDone) {
        // "restarted" reports in flight: the next node does not wait for their acknowledgement (the producer
        // keeps their order), but the final report does
        var inFlight = new java.util.concurrent.ConcurrentLinkedQueue<Mono<Void>>();
        long[] mark = {System.nanoTime()};
        return resendCompleted(job)
                .then(inspect(job))
                .map(nodes -> RestartPlanner.plan(nodes, job.completedNodes()))
                .doOnNext(plan -> mark[0] = lap(WorkerMetrics.Phase.PREPARE, mark[0]))
                .flatMap(plan -> certificates(job, plan)
                        .doOnNext(certificates -> mark[0] = lap(WorkerMetrics.Phase.CERTIFICATES, mark[0]))
                        .flatMap(certificates -> plan.isEmpty() ? Mono.<Void>empty() : slots.during(
                                Flux.fromIterable(plan)
                                        .concatMap(step -> restartNode(job, step,
                                                certificates.get(step.node().name()), inFlight))
                                        .then())))
                .then(Mono.defer(() -> {
                    restartsDone.run();
                    mark[0] = System.nanoTime();
                    return Mono.when(inFlight);
                }))
                .then(Mono.defer(() -> complete(job)))
                .doOnSuccess(v -> lap(WorkerMetrics.Phase.FINISH, mark[0]))
                .onErrorResume(NodeFailedException.class, e -> Mono.defer(() -> Mono.when(inFlight))
                        .then(fail(job, e)));
    }

    private long lap(WorkerMetrics.Phase phase, long since) {
        long now = System.nanoTime();
        metrics.phase(phase, now - since);
        return now;
    }

    /**
     * Enable/Rotate: every remaining node makes a key and a CSR, signed before the first node goes down, all at
     * once. A refused or failed signature thus stops the operation before it costs any outage; keys wait unused
     * on their node until its restart.
     */
    private Mono<Map<String, TlsSettings>> certificates(RestartJob job, List<RestartStep> plan) {
        if (!job.kind().tlsAfterRestart()) {
            return Mono.just(Map.of());
        }
        return Flux.fromIterable(plan)
                .flatMap(step -> {
                    var phase = new AtomicReference<>("starting");
                    return certificate(job, step.node(), phase)
                            .timeout(stepTimeout)
                            .onErrorMap(e -> !(e instanceof LeaseLostException),
                                    e -> failure(step.node().name(), e, phase.get()))
                            .map(tls -> Map.entry(step.node().name(), tls));
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<java.util.List<NodeState>> inspect(RestartJob job) {
        return Mono.defer(() -> operator.inspect(instance(job), job.nodes()))
                .retryWhen(transientRetry())
                .timeout(stepTimeout)
                .onErrorMap(e -> !(e instanceof LeaseLostException), e -> new NodeFailedException(
                        firstRemaining(job), "INSPECT_FAILED", "cannot inspect the nodes: " + message(e)));
    }

    private Mono<Void> restartNode(RestartJob job, RestartStep step, TlsSettings certificate,
                                   java.util.Queue<Mono<Void>> inFlight) {
        NodeState node = step.node();
        var phase = new AtomicReference<>("starting");
        Mono<Long> work = Mono.defer(() -> {
            Mono<Void> stepDown = step.stepDownFirst() ? Mono.defer(() -> {
                phase.set("stepping down the primary");
                return operator.stepDown(instance(job), node);
            }).retryWhen(transientRetry()) : Mono.empty();
            Mono<TlsSettings> settings = Mono.just(certificate == null ? TlsSettings.plain() : certificate);
            return stepDown.then(settings).flatMap(tls -> {
                long[] wentDown = new long[1];
                return Mono.defer(() -> {
                            phase.set("restarting");
                            wentDown[0] = System.nanoTime();
                            return operator.restart(instance(job), node, tls);
                        })
                        .retryWhen(transientRetry())
                        .then(Mono.defer(() -> {
                            phase.set("waiting for the health gate");
                            return gate.awaitHealthy(instance(job), node, new HealthExpectation(tls.tls(), job.caPem()),
                                    reason -> phase.set("waiting for the health gate (last check: " + reason + ")"));
                        }))
                        .then(Mono.fromSupplier(() -> (System.nanoTime() - wentDown[0]) / 1_000_000));
            });
        }).timeout(stepTimeout).onErrorMap(e -> !(e instanceof LeaseLostException),
                e -> failure(node.name(), e, phase.get()));

        // The started report is sent before the restart begins, but its acknowledgement is awaited alongside the
        // restart: the producer keeps per-partition order, and a lost report fails the run (resumed elsewhere).
        long began = System.nanoTime();
        Mono<Void> started = progress.publish(new NodeRestartStartedReport(job.instanceId(), job.operationId(),
                node.name(), clock.instant()), job.attempt());
        return Mono.zip(started.thenReturn(true), work)
                .flatMap(both -> {
                    long millis = both.getT2();
                    metrics.nodeRestarted(millis);
                    long checkpointing = System.nanoTime();
                    // the checkpoint first; the report is sent at once but acknowledged later (after a crash the
                    // new owner re-sends the reports of checkpointed nodes)
                    return store.nodeDone(job, node.name(), millis).then(Mono.fromRunnable(() -> {
                        lap(WorkerMetrics.Phase.CHECKPOINT, checkpointing);
                        lap(WorkerMetrics.Phase.NODE, began);
                        Mono<Void> report = progress.publish(new NodeRestartedReport(job.instanceId(),
                                job.operationId(), node.name(), millis, clock.instant()), job.attempt()).cache();
                        report.subscribe(v -> { }, e -> { });
                        inFlight.add(report);
                    }));
                });
    }

    private Mono<TlsSettings> certificate(RestartJob job, NodeState node, AtomicReference<String> phase) {
        return Mono.defer(() -> {
                    phase.set("creating a CSR on the node");
                    return operator.createCsr(instance(job), node, node.spec().subjectAltNames());
                })
                .retryWhen(transientRetry())
                .flatMap(csr -> Mono.defer(() -> {
                    phase.set("getting the CSR signed");
                    return signer.sign(job.instanceId(), job.operationId(), node.name(), csr);
                }).retryWhen(transientRetry()))
                .map(signed -> new TlsSettings(true, chain(signed.certificatePem(), signed.caChainPem()),
                        job.caPem()));
    }

    private Mono<Void> complete(RestartJob job) {
        long total = job.startedAt() == null ? 0
                : Duration.between(job.startedAt(), clock.instant()).toMillis();
        return progress.publish(new RestartCompletedReport(job.instanceId(), job.operationId(), total,
                        clock.instant()), job.attempt())
                .then(store.finish(job, JobState.COMPLETED, null, null, total, clock.instant()))
                .doOnSuccess(v -> metrics.jobCompleted());
    }

    private Mono<Void> fail(RestartJob job, NodeFailedException e) {
        metrics.failure(e.category());
        return progress.publish(new RestartFailedReport(job.instanceId(), job.operationId(), e.nodeName(),
                        e.getMessage(), clock.instant()), job.attempt())
                .then(store.finish(job, JobState.FAILED, e.nodeName(), e.getMessage(), null, clock.instant()));
    }

    /** After a takeover the previous owner may have died before reporting its last checkpointed node. */
    private Mono<Void> resendCompleted(RestartJob job) {
        return Flux.fromIterable(job.unreachable().entrySet())
                .filter(e -> job.completedNodes().contains(e.getKey()))
                .concatMap(e -> progress.publish(new NodeRestartedReport(job.instanceId(), job.operationId(),
                        e.getKey(), e.getValue(), clock.instant()), job.attempt()))
                .then();
    }

    private NodeFailedException failure(String nodeName, Throwable e, String phase) {
        if (e instanceof NodeFailedException nfe) {
            return nfe;
        }
        if (e instanceof TimeoutException) {
            return new NodeFailedException(nodeName, "TIMEOUT",
                    "step timed out after " + stepTimeout + " while " + phase);
        }
        if (e instanceof SigningRefusedException) {
            return new NodeFailedException(nodeName, "SIGNING_REFUSED", e.getMessage());
        }
        if (e instanceof NodeOperatorException) {
            return new NodeFailedException(nodeName, "NODE_OPERATOR", phase + ": " + e.getMessage());
        }
        return new NodeFailedException(nodeName, "ERROR", phase + ": " + message(e));
    }

    private static Retry transientRetry() {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                .filter(e -> !(e instanceof SigningRefusedException) && !(e instanceof LeaseLostException)
                        && !(e instanceof NodeOperatorException noe && !noe.retryable()));
    }

    private static InstanceRef instance(RestartJob job) {
        return new InstanceRef(job.instanceId(), job.collectionCount());
    }

    private static String firstRemaining(RestartJob job) {
        return job.nodes().stream().map(n -> n.name()).filter(n -> !job.completedNodes().contains(n))
                .findFirst().orElse(job.nodes().get(0).name());
    }

    static String chain(String certificatePem, String caChainPem) {
        if (caChainPem == null || caChainPem.isBlank()) {
            return certificatePem;
        }
        return certificatePem.endsWith("\n") ? certificatePem + caChainPem : certificatePem + "\n" + caChainPem;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
