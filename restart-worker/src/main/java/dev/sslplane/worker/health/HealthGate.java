package dev.sslplane.worker.health;

import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeState;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Probes a restarted node until it is healthy. It has no deadline of its own: the job's per-step timeout
 * bounds it, and the last probe's reason explains a timeout.
 */
public class HealthGate {

    private final NodeProbe probe;
    private final Duration pollInterval;

    public HealthGate(NodeProbe probe, Duration pollInterval) {
        this.probe = probe;
        this.pollInterval = pollInterval;
    }

    public Mono<Void> awaitHealthy(InstanceRef instance, NodeState node, HealthExpectation expectation, Consumer<String> lastReason) {
        return Mono.defer(() -> probe.check(instance, node, expectation))
                .flatMap(result -> {
                    if (result.healthy()) {
                        return Mono.just(true);
                    }
                    lastReason.accept(result.reason());
                    return Mono.delay(pollInterval).thenReturn(false);
                })
                .repeat()
                .takeUntil(healthy -> healthy)
                .then();
    }
}
