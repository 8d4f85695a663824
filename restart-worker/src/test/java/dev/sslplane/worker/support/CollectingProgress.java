package dev.sslplane.worker.support;

import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import dev.sslplane.worker.progress.ProgressPublisher;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;

/** Keeps every published report, in publishing order. */
public final class CollectingProgress implements ProgressPublisher {

    public record Sent(RestartProgressReport report, int attempt) {
    }

    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    @Override
    public Mono<Void> publish(RestartProgressReport report, int attempt) {
        return Mono.fromRunnable(() -> sent.add(new Sent(report, attempt)));
    }

    public List<Sent> of(String operationId) {
        return sent.stream().filter(s -> s.report().operationId().equals(operationId)).toList();
    }

    public long completedCount() {
        return sent.stream().filter(s -> s.report() instanceof RestartCompletedReport).count();
    }

    public List<RestartFailedReport> failures(String operationId) {
        return of(operationId).stream().map(Sent::report).filter(RestartFailedReport.class::isInstance)
                .map(RestartFailedReport.class::cast).toList();
    }

    public boolean completed(String operationId) {
        return of(operationId).stream().anyMatch(s -> s.report() instanceof RestartCompletedReport);
    }
}
