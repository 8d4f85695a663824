package dev.sslplane.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Running and queued jobs, node downtime, and failures by reason category (a small, fixed set of tags). */
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final Timer unreachable;
    private final Counter completed;
    private final EnumMap<Phase, Timer> phases = new EnumMap<>(Phase.class);

    /** Where a job's time goes besides its nodes' downtime (timer {@code restart.job.phase{phase=...}}). */
    public enum Phase {
        /** a claim's round trip to the job store */
        CLAIM,
        /** claim to certificates: re-sent reports after a takeover, the pre-flight check */
        PREPARE,
        /** every remaining node's key, CSR and signature */
        CERTIFICATES,
        /** one step from its start to its checkpoint (step-down, downtime, health gate and read-back included) */
        NODE,
        /** the checkpoint write of one node */
        CHECKPOINT,
        /** last checkpoint to the job's final write: outstanding reports acknowledged, final report, finish */
        FINISH
    }

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("restart.jobs.running", running);
        registry.gauge("restart.jobs.queued", queued);
        this.unreachable = Timer.builder("restart.node.unreachable")
                .description("how long a node was unreachable during its restart, health gate included")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.completed = Counter.builder("restart.jobs.completed").register(registry);
        for (Phase phase : Phase.values()) {
            phases.put(phase, Timer.builder("restart.job.phase").tag("phase", phase.name().toLowerCase())
                    .description("time a job spends in each phase").register(registry));
        }
    }

    public void running(int count) {
        running.set(count);
    }

    public void queued(long count) {
        queued.set(count);
    }

    public void nodeRestarted(long unreachableMillis) {
        unreachable.record(Duration.ofMillis(unreachableMillis));
    }

    public void phase(Phase phase, long nanos) {
        phases.get(phase).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void jobCompleted() {
        completed.increment();
    }

    /** {@code reason}: a {@code NodeFailureCode} name (PREFLIGHT_FAILED, NODE_START_FAILED, UNHEALTHY, ...). */
    public void failure(String reason) {
        Counter.builder("restart.failures").tag("reason", reason).register(registry).increment();
    }
}
