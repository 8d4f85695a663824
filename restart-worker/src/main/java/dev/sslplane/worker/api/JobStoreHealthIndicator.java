package dev.sslplane.worker.api;

import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Up when the job store answers; shows how many jobs run here and who this worker is. */
@Component("restartJobs")
public class JobStoreHealthIndicator implements ReactiveHealthIndicator {

    private final JobStore store;
    private final JobEngine engine;

    public JobStoreHealthIndicator(JobStore store, JobEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public Mono<Health> health() {
        return store.ping().timeout(Duration.ofSeconds(3))
                .map(ok -> Health.up().withDetail("worker", engine.owner())
                        .withDetail("runningJobs", engine.runningJobs()).build())
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName())
                        .build()));
    }
}
