package dev.sslplane.query.replay;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.EventDecoder;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.projection.ProjectionService;
import dev.sslplane.query.projection.RebuildCache;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.CollectionDigests.Digest;
import dev.sslplane.query.readmodel.Generation;
import dev.sslplane.query.readmodel.ReadModelStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Rebuilds every read model from the start of {@code ssl.events} into a fresh generation of collections, then
 * switches over atomically; queries keep reading the active generation meanwhile.
 *
 * <p>The rebuild uses its own plain {@link KafkaConsumer} (no group, partitions assigned, no commits) on its own
 * thread. It first reads up to the end offsets taken at the start; then it pauses the live listener, reads the
 * few records that arrived since, compares digests of both generations, switches the pointer and resumes the
 * live listener, which from then on writes to the new generation (records it re-reads are no-ops there).
 */
@Service
public class ReplayService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration PAUSE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BLOCK = Duration.ofMinutes(5);

    private final ReadModelStore store;
    private final ProjectionService projection;
    private final EventDecoder decoder;
    private final QueryProperties properties;
    private final Map<String, Object> consumerConfig;
    private final KafkaListenerEndpointRegistry listeners;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-replay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<ReplayStatus> status = new AtomicReference<>();

    public ReplayService(ReadModelStore store, ProjectionService projection, EventDecoder decoder,
                         QueryProperties properties, ReplayConsumerConfig consumerConfig,
                         KafkaListenerEndpointRegistry listeners, Clock clock) {
        this.store = store;
        this.projection = projection;
        this.decoder = decoder;
        this.properties = properties;
        this.consumerConfig = consumerConfig.properties();
        this.listeners = listeners;
        this.clock = clock;
        status.set(ReplayStatus.idle(store.active().number()));
    }

    public ReplayStatus status() {
        ReplayStatus s = status.get();
        return "IDLE".equals(s.state()) ? ReplayStatus.idle(store.active().number()) : s;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return the starting status, or empty if a rebuild is already running
     */
    public synchronized Optional<ReplayStatus> start() {
        if (status.get().running()) {
            return Optional.empty();
        }
        var starting = new ReplayStatus("REBUILDING", store.active().number() + 1, store.active().number(), 0, 0,
                0, clock.instant(), null, null, null, null, null);
        status.set(starting);
        executor.execute(this::run);
        return Optional.of(starting);
    }

    private void run() {
        Instant started = status.get().startedAt();
        Generation live = store.active();
        Generation fresh = null;
        MessageListenerContainer container = listeners.getListenerContainer(properties.kafka().listenerId());
        boolean paused = false;
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            fresh = store.prepareFresh().block(BLOCK);
            List<TopicPartition> partitions = consumer.partitionsFor(properties.kafka().eventsTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] read = {0};
            var cache = new RebuildCache();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            log.info("Rebuilding read models into generation {} from {} record(s) of {}", fresh.number(),
                    total(consumer, end), properties.kafka().eventsTopic());
            readUntil(consumer, end, fresh, cache, read, started, "REBUILDING");

            // switch-over: stop the live listener between batches, catch up the last records, swap
            if (container != null && container.isRunning()) {
                container.pause();
                paused = true;
                waitUntilPaused(container);
            }
            end = consumer.endOffsets(partitions);
            readUntil(consumer, end, fresh, cache, read, started, "CATCHING_UP");
            double projectRate = rate(read[0], started, clock.instant());
            Map<String, Digest> liveDigests = CollectionDigests.of(live).block(BLOCK);
            Map<String, Digest> rebuiltDigests = CollectionDigests.of(fresh).block(BLOCK);
            store.activate(fresh).block(BLOCK);
            boolean match = liveDigests.equals(rebuiltDigests);
            Instant finished = clock.instant();
            status.set(new ReplayStatus("SWITCHED", fresh.number(), fresh.number(), read[0], read[0],
                    projectRate, started, finished, null, liveDigests, rebuiltDigests, match));
            log.info("Rebuild switched to generation {} after {} record(s); digests {}", fresh.number(), read[0],
                    match ? "match the live read models" : "differ from the live read models " + liveDigests
                            + " vs " + rebuiltDigests);
            resume(container, paused);
            paused = false;
            store.drop(live).block(BLOCK);
        } catch (RuntimeException e) {
            log.error("Rebuild of the read models failed; the live generation stays active", e);
            ReplayStatus s = status.get();
            status.set(new ReplayStatus("FAILED", s.targetGeneration(), store.active().number(), s.eventsRead(),
                    s.eventsTotal(), s.eventsPerSecond(), started, clock.instant(), String.valueOf(e.getMessage()),
                    null, null, null));
            resume(container, paused);
            if (fresh != null && fresh.number() != store.active().number()) {
                store.drop(fresh).onErrorResume(x -> Mono.empty()).block(BLOCK);
            }
        }
    }

    private void readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, Generation target,
                           RebuildCache cache, long[] read, Instant started, String state) {
        consumer.resume(consumer.paused());
        long total = total(consumer, end) + read[0];
        int batchSize = properties.kafka().replayBatchEvents();
        CompletableFuture<?> writing = CompletableFuture.completedFuture(null);
        while (!reached(consumer, end)) {
            // several polls per batch: each document is then written once for many events
            var events = new ArrayList<ProjectedEvent>(batchSize);
            while (events.size() < batchSize && !reached(consumer, end)) {
                pollInto(consumer, end, events, read);
            }
            // the previous batch's audit insert ran while this batch was read and decoded
            await(writing);
            writing = projection.projectFresh(events, target, cache).toFuture();
            if (!reached(consumer, end)) {
                status.set(new ReplayStatus(state, target.number(), store.active().number(), read[0], total,
                        rate(read[0], started, clock.instant()), started, null, null, null, null, null));
            }
        }
        await(writing);
        projection.flushFresh(target, cache).block(BLOCK);
        status.set(new ReplayStatus(state, target.number(), store.active().number(), read[0], total,
                rate(read[0], started, clock.instant()), started, null, null, null, null, null));
    }

    private void pollInto(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end,
                          List<ProjectedEvent> events, long[] read) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        var values = new ArrayList<byte[]>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            var partition = new TopicPartition(record.topic(), record.partition());
            Long stop = end.get(partition);
            if (stop != null && record.offset() >= stop) {
                // past this phase's target: rewind so the next phase reads it, and stop fetching it
                consumer.seek(partition, stop);
                consumer.pause(List.of(partition));
                continue;
            }
            values.add(record.value());
        }
        read[0] += values.size();
        // JSON decoding is the rebuild's main CPU cost: spread it over the cores, keeping record order
        values.parallelStream().map(decoder::decode).toList().forEach(decoded -> {
            if (decoded instanceof Decoded.Ok<ProjectedEvent> ok) {
                events.add(ok.value());
            }
        });
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the rebuild", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing the rebuild failed: " + e.getMessage(), e);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long total(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            total += Math.max(0, e.getValue() - consumer.position(e.getKey()));
        }
        return total;
    }

    private static void waitUntilPaused(MessageListenerContainer container) {
        long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
        while (!container.isPauseRequested() || !container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("live listener did not pause within " + PAUSE_TIMEOUT);
            }
            try {
                Thread.sleep(20); // polling a flag on the replay's own thread, not in a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pausing the live listener", e);
            }
        }
    }

    private static void resume(MessageListenerContainer container, boolean paused) {
        if (container != null && paused) {
            container.resume();
        }
    }

    private static double rate(long events, Instant from, Instant to) {
        double seconds = Math.max(0.001, Duration.between(from, to).toNanos() / 1e9);
        return Math.round(events / seconds * 10) / 10.0;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        var config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.kafka().replayPollRecords());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-replay");
        return new KafkaConsumer<>(config);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
