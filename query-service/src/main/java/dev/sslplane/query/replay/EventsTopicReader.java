package dev.sslplane.query.replay;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.EventDecoder;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.projection.ProjectionService;
import dev.sslplane.query.projection.RebuildCache;
import dev.sslplane.query.readmodel.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code ssl.events} from the beginning for one rebuild and projects the records into a fresh generation.
 * It uses its own plain {@link KafkaConsumer} (no group, partitions assigned, no commits) and reads in phases:
 * each phase ends at the end offsets taken when it begins ({@link #fromBeginning}, {@link #toLatest}).
 */
final class EventsTopicReader implements AutoCloseable {

    /** Told after each batch of a phase (not after the last one) and once at its end. */
    @FunctionalInterface
    interface Progress {
        void read(long eventsRead, long eventsTotal);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final ProjectionService projection;
    private final EventDecoder decoder;
    private final QueryProperties properties;
    private final Duration block;
    private final RebuildCache cache = new RebuildCache();
    private List<TopicPartition> partitions = List.of();
    private Map<TopicPartition, Long> end = Map.of();
    private long read;

    EventsTopicReader(Map<String, Object> consumerConfig, ProjectionService projection, EventDecoder decoder,
                      QueryProperties properties, Duration block) {
        this.consumer = newConsumer(consumerConfig, properties);
        this.projection = projection;
        this.decoder = decoder;
        this.properties = properties;
        this.block = block;
    }

    /** Assigns every partition of the topic at its beginning; the first phase ends at today's end offsets. */
    void fromBeginning() {
        partitions = consumer.partitionsFor(properties.kafka().eventsTopic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        toLatest();
    }

    /** The next phase ends at the end offsets as they are now. */
    void toLatest() {
        end = consumer.endOffsets(partitions);
    }

    /** Records left until the end of this phase. */
    long remaining() {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            total += Math.max(0, e.getValue() - consumer.position(e.getKey()));
        }
        return total;
    }

    /** Records read so far, over every phase. */
    long read() {
        return read;
    }

    /** Reads and projects this phase's records into {@code target}, then writes what the cache still holds. */
    void readPhase(Generation target, Progress progress) {
        consumer.resume(consumer.paused());
        long total = remaining() + read;
        int batchSize = properties.kafka().replayBatchEvents();
        CompletableFuture<?> writing = CompletableFuture.completedFuture(null);
        while (!reached()) {
            // several polls per batch: each document is then written once for many events
            var events = new ArrayList<ProjectedEvent>(batchSize);
            while (events.size() < batchSize && !reached()) {
                pollInto(events);
            }
            // the previous batch's audit insert ran while this batch was read and decoded
            await(writing);
            writing = projection.projectFresh(events, target, cache).toFuture();
            if (!reached()) {
                progress.read(read, total);
            }
        }
        await(writing);
        projection.flushFresh(target, cache).block(block);
        progress.read(read, total);
    }

    private void pollInto(List<ProjectedEvent> events) {
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
        read += values.size();
        // JSON decoding is the rebuild's main CPU cost: spread it over the cores, keeping record order
        values.parallelStream().map(decoder::decode).toList().forEach(decoded -> {
            if (decoded instanceof Decoded.Ok<ProjectedEvent> ok) {
                events.add(ok.value());
            }
        });
    }

    private boolean reached() {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void await(CompletableFuture<?> future) {
        try {
            future.get(block.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the rebuild", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing the rebuild failed: " + e.getMessage(), e);
        }
    }

    private static KafkaConsumer<String, byte[]> newConsumer(Map<String, Object> consumerConfig,
                                                             QueryProperties properties) {
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
    public void close() {
        consumer.close();
    }
}
