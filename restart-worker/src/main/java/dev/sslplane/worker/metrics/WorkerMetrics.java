package dev.sslplane.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Running and queued jobs, node downtime, and failures by reason category (a small, fixed set of tags). */
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final Timer unreachable;
    private final Counter completed;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("restart.jobs.running", running);
        registry.gauge("restart.jobs.queued", queued);
        this.unreachable = Timer.builder("restart.node.unreachable")
                .description("how long a node was unreachable during its restart, health gate included")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.completed = Counter.builder("restart.jobs.completed").register(registry);
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

    public void jobCompleted() {
        completed.increment();
    }

    /** {@code reason}: TIMEOUT, SIGNING_REFUSED, NODE_OPERATOR, INSPECT_FAILED or ERROR. */
    public void failure(String reason) {
        Counter.builder("restart.failures").tag("reason", reason).register(registry).increment();
    }
}
