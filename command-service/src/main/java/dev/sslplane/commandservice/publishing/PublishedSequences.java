package dev.sslplane.commandservice.publishing;

import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The highest aggregate sequence per instance known to be on {@code ssl.events}, so the publisher never sends an
 * event twice: a publisher that dies, or loses MongoDB, between Kafka's acknowledgement and storing its token
 * resumes from the token, one event behind what Kafka holds. Known are the events on the topic's tail when this
 * replica's publisher claimed its segment ({@link #forget} at each claim) and every event it sent since.
 */
@Component
class PublishedSequences {

    private static final Logger log = LoggerFactory.getLogger(PublishedSequences.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ConsumerFactory<String, byte[]> consumers;
    private final MessageCodec codec;
    /** Twice the most that can be sent and not yet be in the token: the processor stores it after each batch. */
    private final int tailPerPartition;
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private volatile boolean tailRead;

    PublishedSequences(ConsumerFactory<String, byte[]> consumers, MessageCodec codec,
                       PublishingProperties properties) {
        this.consumers = consumers;
        this.codec = codec;
        this.tailPerPartition = 2 * properties.batchSize();
    }

    /** Another replica may have published since: read the topic's tail again before the next event. */
    void forget() {
        tailRead = false;
    }

    boolean isPublished(String instanceId, long sequence) {
        if (!tailRead) {
            readTail();
        }
        Long known = highest.get(instanceId);
        return known != null && sequence <= known;
    }

    void published(String instanceId, long sequence) {
        highest.merge(instanceId, sequence, Math::max);
    }

    private synchronized void readTail() {
        if (tailRead) {
            return;
        }
        highest.clear();
        var overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("command-service-publisher-tail", null,
                "-tail", overrides)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - tailPerPartition)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the tail of " + Topics.EVENTS + " in time");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (codec.decodeEnvelope(record.value()) instanceof Decoded.Ok<EventEnvelope> ok
                            && ok.value().sequence() != null) {
                        published(ok.value().instanceId(), ok.value().sequence());
                    }
                });
            }
        }
        tailRead = true;
        log.info("Publisher resumes knowing the last published event of {} instances", highest.size());
    }
}
