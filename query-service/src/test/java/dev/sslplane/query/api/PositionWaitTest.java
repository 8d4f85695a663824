package dev.sslplane.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.InstanceChanges;
import dev.sslplane.query.readmodel.InstanceDoc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The wait for a position, against a stand-in read model: what ends it, what bounds it, and turning it off. */
class PositionWaitTest {

    private final ReadModelQueries queries = mock(ReadModelQueries.class);
    private final InstanceChanges written = new InstanceChanges();
    private final AtomicReference<InstanceDoc> stored = new AtomicReference<>();

    private PositionWait waitingUpTo(Duration bound, Duration poll) {
        when(queries.instance("rs-1")).thenAnswer(i -> Mono.justOrEmpty(stored.get()));
        when(queries.storedInstance("rs-1")).thenAnswer(i -> Mono.justOrEmpty(stored.get()));
        var api = new QueryProperties.Api(50, 500, Duration.ofSeconds(2), 0, bound, poll);
        return new PositionWait(queries, written, new QueryProperties(null, null, null, api, null),
                new SimpleMeterRegistry());
    }

    private static InstanceDoc at(long sequence) {
        var doc = new InstanceDoc("rs-1");
        doc.lastSequence = sequence;
        return doc;
    }

    @Test
    void thisReplicasWriteEndsTheWaitAtOnce() {
        PositionWait wait = waitingUpTo(Duration.ofSeconds(10), Duration.ofSeconds(60)); // no poll in time
        stored.set(at(0));
        var answer = wait.instance("rs-1", 1).toFuture();
        assertThat(answer).isNotDone();

        stored.set(at(1));
        written.written("rs-other");
        assertThat(answer).isNotDone();
        written.written("rs-1");

        assertThat(answer.join().lastSequence).isEqualTo(1);
    }

    @Test
    void anotherReplicasWriteIsFoundByPolling() {
        PositionWait wait = waitingUpTo(Duration.ofSeconds(10), Duration.ofMillis(20));
        var answer = wait.instance("rs-1", 3).toFuture();
        stored.set(at(4)); // no signal: projected elsewhere

        assertThat(answer.join().lastSequence).isEqualTo(4);
    }

    @Test
    void aPositionNeverReachedEndsAtTheBoundWithReadModelBehindNotEmpty() {
        PositionWait wait = waitingUpTo(Duration.ofMillis(200), Duration.ofMillis(20));
        long start = System.nanoTime();

        assertThatThrownBy(() -> wait.instance("rs-1", 0).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withTheWaitOffAPositionIsNotWaitedForSoAnUnprojectedInstanceIsUnknown() {
        // the negative control of the property: without the wait, a read right after a write can 404
        PositionWait wait = waitingUpTo(Duration.ZERO, Duration.ofMillis(20));
        assertThat(wait.instance("rs-1", 0).blockOptional(Duration.ofSeconds(5))).isEmpty();
        stored.set(at(0));
        assertThat(wait.instance("rs-1", 7).block(Duration.ofSeconds(5)).lastSequence).isZero();
    }
}
