package dev.sslplane.query.health;

import dev.sslplane.query.config.QueryProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health of the live projection's consumer: DOWN when Kafka cannot be asked, LAGGING (reported with HTTP 200)
 * when more records wait than {@code sslplane.query.kafka.max-healthy-lag}, UP otherwise.
 */
@Component("kafkaConsumer")
public class KafkaConsumerHealthIndicator implements HealthIndicator {

    public static final Status LAGGING = new Status("LAGGING", "the projection is behind the events topic");

    private final ConsumerLagMonitor monitor;
    private final long maxHealthyLag;

    public KafkaConsumerHealthIndicator(ConsumerLagMonitor monitor, QueryProperties properties) {
        this.monitor = monitor;
        this.maxHealthyLag = properties.kafka().maxHealthyLag();
    }

    @Override
    public Health health() {
        ConsumerLagMonitor.Lag lag = monitor.last();
        if (lag == null) {
            return Health.unknown().withDetail("lag", "not measured yet").build();
        }
        Health.Builder builder = lag.error() != null ? Health.down().withDetail("error", lag.error())
                : lag.total() > maxHealthyLag ? Health.status(LAGGING) : Health.up();
        return builder.withDetail("lag", lag.total()).withDetail("byPartition", lag.byPartition())
                .withDetail("measuredAt", lag.measuredAt().toString()).build();
    }
}
