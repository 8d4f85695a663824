package dev.sslplane.worker.support;

import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import dev.sslplane.worker.progress.ProgressPublisher;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Keeps every published report, in publishing order, with the time it was published. A test may hook an action
 * onto a report: it runs synchronously while that report is published, i.e. before the run goes on.
 */
public final class CollectingProgress implements ProgressPublisher {

    public record Sent(RestartProgressReport report, int attempt, Instant at) {
    }

    private record Hook(Predicate<RestartProgressReport> when, Consumer<RestartProgressReport> action) {
    }

    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Hook> hooks = new ConcurrentLinkedQueue<>();

    @Override
    public Mono<Void> publish(RestartProgressReport report, int attempt) {
        return Mono.fromRunnable(() -> {
            for (Hook hook : hooks) {
                if (hook.when().test(report) && hooks.remove(hook)) {
                    hook.action().accept(report);
                }
            }
            sent.add(new Sent(report, attempt, Instant.now()));
        });
    }

    /** Runs {@code action} once, when the first report matching {@code when} is published. */
    public void once(Predicate<RestartProgressReport> when, Consumer<RestartProgressReport> action) {
        hooks.add(new Hook(when, action));
    }

    public List<Sent> of(String operationId) {
        return sent.stream().filter(s -> s.report().operationId().equals(operationId)).toList();
    }

    public List<Sent> all() {
        return List.copyOf(sent);
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
