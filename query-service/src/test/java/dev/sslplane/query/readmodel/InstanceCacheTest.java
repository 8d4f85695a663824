package dev.sslplane.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class InstanceCacheTest {

    private static final String ID = "rs-1";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InstanceCache cache = new InstanceCache(10, registry);
    private final AtomicInteger reads = new AtomicInteger();
    /** What MongoDB holds for the instance: its lastSequence. */
    private long stored = 3;

    private final Function<String, Mono<InstanceDoc>> mongo = id -> {
        reads.incrementAndGet();
        return Mono.just(doc(stored));
    };

    @Test
    void untilTheFeedFollowsEveryReadGoesToMongo() {
        find();
        find();

        assertThat(reads).hasValue(2);
        assertThat(counter("bypass")).isEqualTo(2);
    }

    @Test
    void whileFollowingARepeatedReadIsServedFromMemory() {
        cache.follow();

        assertThat(find().lastSequence).isEqualTo(3);
        assertThat(find().lastSequence).isEqualTo(3);

        assertThat(reads).hasValue(1);
        assertThat(counter("miss")).isEqualTo(1);
        assertThat(counter("hit")).isEqualTo(1);
    }

    @Test
    void aNewerEventOnTheFeedMakesTheNextReadGoToMongo() {
        cache.follow();
        find();
        stored = 4;

        cache.seen(ID, 4);

        assertThat(find().lastSequence).isEqualTo(4);
        assertThat(find().lastSequence).isEqualTo(4);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDocumentOlderThanTheFeedIsAnsweredButNotKeptUntilTheProjectionHasWrittenIt() {
        cache.follow();
        cache.seen(ID, 5); // another replica has not written event 5 yet

        assertThat(find().lastSequence).isEqualTo(3);
        assertThat(find().lastSequence).isEqualTo(3);
        stored = 5;
        assertThat(find().lastSequence).isEqualTo(5);
        assertThat(find().lastSequence).isEqualTo(5);

        assertThat(reads).hasValue(3);
    }

    @Test
    void anOlderOrRepeatedEventKeepsTheCachedDocument() {
        cache.follow();
        find();

        cache.seen(ID, 2);
        cache.seen(ID, 3);
        find();

        assertThat(reads).hasValue(1);
    }

    @Test
    void anotherGenerationIsReadFromMongo() {
        cache.follow();
        find();

        cache.find(ID, 2, mongo).block();
        cache.find(ID, 2, mongo).block();

        assertThat(reads).hasValue(2);
    }

    @Test
    void whenTheFeedStopsEverythingIsForgotten() {
        cache.follow();
        find();
        cache.seen(ID, 3);

        cache.stopFollowing();
        find();
        cache.follow();
        find();
        find();

        assertThat(reads).hasValue(3);
        assertThat(cache.following()).isTrue();
    }

    @Test
    void aReadBegunBeforeTheFeedRestartedDoesNotFillTheCache() {
        cache.follow();
        Sinks.One<InstanceDoc> slowRead = Sinks.one();
        Mono<InstanceDoc> pending = cache.find(ID, 1, id -> slowRead.asMono());
        var answered = pending.toFuture();

        cache.stopFollowing();
        cache.follow();
        slowRead.tryEmitValue(doc(3));

        assertThat(answered.join().lastSequence).isEqualTo(3);
        find();
        assertThat(reads).hasValue(1);
    }

    @Test
    void sizeZeroTurnsTheCacheOff() {
        var off = new InstanceCache(0, new SimpleMeterRegistry());
        off.follow();

        off.find(ID, 1, mongo).block();
        off.find(ID, 1, mongo).block();

        assertThat(off.enabled()).isFalse();
        assertThat(off.following()).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new InstanceCache(-1, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance-cache-size");
    }

    @Test
    void anUnknownInstanceIsNotCached() {
        cache.follow();
        Function<String, Mono<InstanceDoc>> none = id -> {
            reads.incrementAndGet();
            return Mono.empty();
        };

        assertThat(cache.find("rs-unknown", 1, none).blockOptional()).isEmpty();
        assertThat(cache.find("rs-unknown", 1, none).blockOptional()).isEmpty();
        assertThat(reads).hasValue(2);
    }

    private InstanceDoc find() {
        return cache.find(ID, 1, mongo).block();
    }

    private static InstanceDoc doc(long lastSequence) {
        var doc = new InstanceDoc(ID);
        doc.lastSequence = lastSequence;
        return doc;
    }

    private double counter(String result) {
        return registry.get("sslplane.query.instance.cache.reads").tag("result", result).counter().count();
    }
}
