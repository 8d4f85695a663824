package dev.sslplane.query.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Instance documents kept in memory for the single-instance reads (status, CA download), so that the hottest query
 * costs no MongoDB round trip — and coherent with the read model although another replica may project the
 * instance: every replica follows all partitions of {@code ssl.events} (the change feed) and notes the newest
 * aggregate sequence of each instance. A cached document is served only while it is of the active generation and
 * its {@code lastSequence} is not older than the newest sequence seen; anything else reads MongoDB, and a document
 * read there is kept only if it is not older than what the feed has seen. So an answer is never older than the
 * read model was when the feed last saw the instance change (the feed only decodes, so it runs ahead of the
 * projection, which also writes).
 *
 * <p>The cache is used only while the feed is following ({@link #follow()}): caught up with the topic from the
 * projection group's committed offsets. When the feed stops or restarts, everything is forgotten
 * ({@link #stopFollowing()}), and a read that began before that never fills the cache.
 */
public final class InstanceCache {

    private record Entry(long epoch, int generation, InstanceDoc doc) {
    }

    private final boolean enabled;
    private final Cache<String, Entry> entries;
    private final Map<String, Long> newestSeen = new ConcurrentHashMap<>();
    /** Bumped whenever the cache stops following: reads begun before must not fill it. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean following;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypassed;

    /** @param maxInstances how many instances are kept (least recently used go first); 0 turns the cache off */
    public InstanceCache(int maxInstances, MeterRegistry registry) {
        if (maxInstances < 0) {
            throw new IllegalArgumentException(
                    "sslplane.query.api.instance-cache-size must be 0 (off) or more, was " + maxInstances);
        }
        this.enabled = maxInstances > 0;
        this.entries = Caffeine.newBuilder().maximumSize(maxInstances).build();
        this.hits = reads(registry, "hit");
        this.misses = reads(registry, "miss");
        this.bypassed = reads(registry, "bypass");
        Gauge.builder("sslplane.query.instance.cache.following", this, c -> c.following ? 1 : 0)
                .description("1 while the change feed is caught up and the instance cache is in use")
                .register(registry);
        Gauge.builder("sslplane.query.instance.cache.size", entries, Cache::estimatedSize)
                .description("Instance documents held in memory")
                .register(registry);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The instance from memory when current, otherwise from {@code load} (one MongoDB read), kept when current.
     *
     * @param generation the active read-model generation (a rebuild switches it)
     */
    public Mono<InstanceDoc> find(String instanceId, int generation, Function<String, Mono<InstanceDoc>> load) {
        if (!following) {
            bypassed.increment();
            return load.apply(instanceId);
        }
        Entry entry = entries.getIfPresent(instanceId);
        if (entry != null && entry.epoch() == epoch.get() && entry.generation() == generation
                && current(entry.doc())) {
            hits.increment();
            return Mono.just(entry.doc());
        }
        misses.increment();
        long readEpoch = epoch.get();
        return load.apply(instanceId).doOnNext(doc -> {
            if (following && current(doc) && epoch.get() == readEpoch) {
                entries.put(instanceId, new Entry(readEpoch, generation, doc));
            }
        });
    }

    /** The change feed saw event {@code sequence} of an instance; an older cached document is no longer served. */
    public void seen(String instanceId, long sequence) {
        Long newest = newestSeen.merge(instanceId, sequence, Math::max);
        Entry entry = entries.getIfPresent(instanceId);
        if (entry != null && entry.doc().lastSequence < newest) {
            entries.invalidate(instanceId);
        }
    }

    /** The change feed has caught up: from now on reads may be served from memory. */
    public void follow() {
        following = enabled;
    }

    /** The change feed stopped or starts over: forget everything and read MongoDB until it follows again. */
    public void stopFollowing() {
        following = false;
        epoch.incrementAndGet();
        entries.invalidateAll();
        newestSeen.clear();
    }

    public boolean following() {
        return following;
    }

    private boolean current(InstanceDoc doc) {
        Long newest = newestSeen.get(doc.instanceId);
        return newest == null || doc.lastSequence >= newest;
    }

    private static Counter reads(MeterRegistry registry, String result) {
        return Counter.builder("sslplane.query.instance.cache.reads")
                .description("Single-instance reads by how the instance cache answered them")
                .tag("result", result)
                .register(registry);
    }
}
