package dev.sslplane.worker.progress;

import dev.sslplane.contracts.progress.RestartProgressReport;
import reactor.core.publisher.Mono;

/**
 * Sends progress reports to the command service. A report may be sent more than once (after a crash); the
 * receiver ignores duplicates, and the same report in the same attempt always carries the same event id.
 */
public interface ProgressPublisher {

    Mono<Void> publish(RestartProgressReport report, int attempt);
}
