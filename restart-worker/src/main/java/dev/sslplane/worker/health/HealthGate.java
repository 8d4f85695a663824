package dev.sslplane.worker.health;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Repeats a health check until it passes, pausing {@code pollInterval} between checks. It has no deadline of its
 * own: the step's timeout bounds it, and the last check's reason explains a timeout.
 */
public class HealthGate {

    private final Duration pollInterval;

    public HealthGate(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Mono<Void> awaitHealthy(Supplier<Mono<ProbeResult>> check, Consumer<String> lastReason) {
        return Mono.defer(check)
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
