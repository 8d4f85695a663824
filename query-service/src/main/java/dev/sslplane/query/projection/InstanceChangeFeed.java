package dev.sslplane.query.projection;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.query.readmodel.InstanceCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells the {@link InstanceCache} which instances changed, on every replica: a plain consumer of all partitions of
 * {@code ssl.events} that joins no group and commits nothing (the projection's group still owns the offsets), so
 * each replica sees the events another replica projects. It starts at the projection group's committed offsets —
 * every event before them is already in MongoDB, every event after them this feed sees — and the cache is used
 * once it has reached the end offsets found at its start. Of each record it keeps only the instance id and
 * sequence. Any failure, or a change in the topic's partitions, makes the cache forget everything and the feed
 * start over after a pause.
 */
public final class InstanceChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(60);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final InstanceCache cache;
    private final EventDecoder decoder;
    private final String topic;
    private final Map<String, Object> consumerConfig;
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    /**
     * @param consumerConfig the service's consumer settings (bootstrap servers, security, the projection's group
     *                       id, whose committed offsets are only read)
     */
    public InstanceChangeFeed(InstanceCache cache, EventDecoder decoder, String topic,
                              Map<String, Object> consumerConfig) {
        this.cache = cache;
        this.decoder = decoder;
        this.topic = topic;
        this.consumerConfig = consumerConfig;
    }

    @Override
    public synchronized void start() {
        if (running || !cache.enabled()) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        thread = new Thread(this::run, "instance-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopped.countDown(); // ends a pause between attempts
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cache.stopFollowing();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration pause = Duration.ofSeconds(1);
        while (running) {
            try (Consumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                if (follow(c)) {
                    pause = Duration.ofSeconds(1);
                }
            } catch (WakeupException stopping) {
                // stop() woke the poll up
            } catch (RuntimeException e) {
                log.warn("Instance change feed failed ({}); single-instance reads go to MongoDB until it follows "
                        + "again", e.toString());
            } finally {
                consumer = null;
                cache.stopFollowing();
            }
            if (running) {
                waitBeforeRetry(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** @return whether it had caught up (a later restart then starts with a short pause again) */
    private boolean follow(Consumer<String, byte[]> c) {
        Set<TopicPartition> partitions = partitions(c);
        if (partitions.isEmpty()) {
            log.info("Topic {} has no partitions yet; the instance cache waits for it", topic);
            return false;
        }
        c.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                c.seekToBeginning(List.of(partition));
            } else {
                c.seek(partition, offset.offset());
            }
        }
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        boolean caughtUp = false;
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        while (running) {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                if (decoder.decode(record.value()) instanceof Decoded.Ok<ProjectedEvent> ok) {
                    cache.seen(ok.value().instanceId(), ok.value().sequence());
                }
                // an unreadable record changes no read model: the projection dead-letters it
            }
            if (!caughtUp && reached(c, end)) {
                caughtUp = true;
                cache.follow();
                log.info("Instance change feed follows {} partitions of {}; status reads use the instance cache",
                        partitions.size(), topic);
            }
            if (System.nanoTime() - nextPartitionCheck > 0) {
                nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                if (!partitions(c).equals(partitions)) {
                    log.info("Partitions of {} changed; the instance change feed starts over", topic);
                    return true;
                }
            }
        }
        return caughtUp;
    }

    private Set<TopicPartition> partitions(Consumer<String, byte[]> c) {
        var partitions = new HashSet<TopicPartition>();
        var infos = c.partitionsFor(topic);
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static boolean reached(Consumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (c.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Consumer<String, byte[]> newConsumer() {
        var config = new HashMap<>(consumerConfig);
        // the group id stays, only to read the projection's committed offsets: partitions are assigned (no group
        // membership) and nothing is ever committed
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-instance-feed-" + CLIENTS.incrementAndGet());
        return new KafkaConsumer<>(config);
    }

    private void waitBeforeRetry(Duration pause) {
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
