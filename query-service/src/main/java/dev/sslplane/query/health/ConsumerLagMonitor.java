package dev.sslplane.query.health;

import dev.sslplane.query.config.QueryProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Measures the consumer group's lag on the events topic (end offsets minus committed offsets) on its own thread
 * every few seconds; health and the {@code sslplane.query.consumer.lag} gauge read the last measurement.
 */
@Component
public class ConsumerLagMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    /** The last measurement; {@code error} set when Kafka could not be asked. */
    public record Lag(long total, Map<Integer, Long> byPartition, Instant measuredAt, String error) {
    }

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final Clock clock;
    private final AtomicReference<Lag> last = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-lag-monitor");
        t.setDaemon(true);
        return t;
    });

    public ConsumerLagMonitor(KafkaAdmin kafkaAdmin, KafkaProperties kafka, QueryProperties properties,
                              MeterRegistry registry, Clock clock) {
        var config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("request.timeout.ms", 5000);
        config.put("default.api.timeout.ms", 8000);
        this.admin = Admin.create(config);
        this.groupId = kafka.getConsumer().getGroupId();
        this.topic = properties.kafka().eventsTopic();
        this.clock = clock;
        Gauge.builder("sslplane.query.consumer.lag", this, m -> m.last.get() == null ? Double.NaN
                        : m.last.get().total())
                .description("records on the events topic not yet consumed by the live projection")
                .register(registry);
        long period = properties.kafka().lagPollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::measure, 0, period, TimeUnit.MILLISECONDS);
    }

    public Lag last() {
        return last.get();
    }

    void measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(10, TimeUnit.SECONDS);
            var byPartition = new java.util.TreeMap<Integer, Long>();
            long total = 0;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long lag = Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
                byPartition.put(e.getKey().partition(), lag);
                total += lag;
            }
            last.set(new Lag(total, byPartition, clock.instant(), null));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not measure consumer lag", e);
            Lag previous = last.get();
            last.set(new Lag(previous == null ? -1 : previous.total(),
                    previous == null ? Map.of() : previous.byPartition(), clock.instant(),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    Duration age(Lag lag) {
        return Duration.between(lag.measuredAt(), clock.instant());
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
