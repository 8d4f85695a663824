package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.InstanceChanges;
import dev.sslplane.query.readmodel.InstanceDoc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes for one instance: a read that names the position of a write ({@code ReadPosition}, from a
 * command's answer) is answered only once the instance's read model has reached it. Instances are written last in a
 * projection batch, so an instance document at that position means every other document of that event (the
 * operation, the certificates, the audit entry) is stored too.
 *
 * <p>The wait holds no thread: it re-reads the instance whenever this replica's projection has written it
 * ({@link InstanceChanges}) and every {@code read-your-writes-poll-interval} (another replica may project it), and
 * ends after {@code read-your-writes-wait} with 503 {@code READ_MODEL_BEHIND} and {@code Retry-After} — never with a
 * 404, whether the instance is unknown yet or the position is one it never reaches. A wait of 0 turns it off: the
 * read answers what is there, as a read without a position does.
 */
@Component
class PositionWait {

    /** How the {@code position} parameter of every per-instance read is documented (OpenAPI). */
    static final String PARAMETER_DOC = "read-your-writes: the position a command answered (its body's position, "
            + "its Location's ?position=); the answer then includes that write: the read waits (bounded, "
            + "read-your-writes-wait) for the read model to reach it and answers 503 READ_MODEL_BEHIND with "
            + "Retry-After if it does not, never 404. A decimal from 0 to 9007199254740991";

    /** When a read that ran out of time should ask again: about what one more batch of the projection takes. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final String METRIC = "sslplane.query.read.your.writes";

    private final ReadModelQueries queries;
    private final InstanceChanges written;
    private final Duration bound;
    private final Duration pollInterval;
    private final Timer atOnce;
    private final Timer afterWaiting;
    private final Timer behind;

    PositionWait(ReadModelQueries queries, InstanceChanges written, QueryProperties properties,
                 MeterRegistry meters) {
        this.queries = queries;
        this.written = written;
        this.bound = properties.api().readYourWritesWait();
        this.pollInterval = properties.api().readYourWritesPollInterval();
        this.atOnce = timer(meters, "at-once");
        this.afterWaiting = timer(meters, "waited");
        this.behind = timer(meters, "behind");
    }

    /**
     * The instance once its read model is at {@code position} or past it; an error ({@code READ_MODEL_BEHIND}) when
     * that takes longer than the bound. Never empty while waiting is on; with it off, empty for an unknown instance.
     */
    Mono<InstanceDoc> instance(String instanceId, long position) {
        if (bound.isZero()) {
            return queries.instance(instanceId);
        }
        long start = System.nanoTime();
        return queries.instance(instanceId)
                .filter(doc -> doc.lastSequence >= position)
                .doOnNext(doc -> record(atOnce, start))
                .switchIfEmpty(Mono.defer(() -> lookAgain(instanceId, position)
                        .doOnNext(doc -> record(afterWaiting, start))))
                .timeout(bound, Mono.error(() -> {
                    record(behind, start);
                    return ApiException.readModelBehind(instanceId, position, bound, RETRY_AFTER);
                }));
    }

    /** Reads MongoDB again on every write signal and poll tick until the document is at {@code position}. */
    private Mono<InstanceDoc> lookAgain(String instanceId, long position) {
        Flux<Boolean> signals = Flux.merge(written.of(instanceId).map(id -> true),
                Flux.interval(pollInterval).map(tick -> true));
        // latest only: while a read is under way, any number of signals ask for one read more, not one each
        return signals.onBackpressureLatest().startWith(true)
                .concatMap(signal -> queries.storedInstance(instanceId), 1)
                .filter(doc -> doc.lastSequence >= position)
                .next();
    }

    private static void record(Timer timer, long start) {
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder(METRIC)
                .description("Reads that named a position: answered at once, after waiting for the projection, or "
                        + "503 READ_MODEL_BEHIND when the wait ran out")
                .tag("outcome", outcome)
                .register(meters);
    }
}
