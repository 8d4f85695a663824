package dev.sslplane.commandservice.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.kafka.*}: topic layout and how the service talks to Kafka (connection, serializers and
 * producer guarantees are under {@code spring.kafka.*}).
 *
 * @param partitions          partitions of {@code ssl.commands}, {@code ssl.events}, {@code ssl.restart-progress}
 *                            and their results/dead-letter topics
 * @param replicationFactor   replication factor of the declared topics (3 on a real cluster)
 * @param sendTimeout         how long a send waits for the broker's acknowledgement before it counts as failed
 * @param listenersAutoStartup whether the command and progress consumers start with the application
 * @param processingAttempts  attempts for a record whose handling fails for a reason other than its content
 *                            (for example MongoDB unreachable) before it goes to the dead-letter topic
 * @param retryBackoff        first pause between those attempts; doubles up to 30 s
 * @param allowedProducers    values of the {@code ssl-producer} header accepted on {@code ssl.commands}; empty
 *                            accepts any well-formed name (Kafka ACLs are then the only gate on who writes)
 */
@ConfigurationProperties("sslplane.kafka")
public record KafkaSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("true") boolean listenersAutoStartup,
        @DefaultValue("8") int processingAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        List<String> allowedProducers) {

    public KafkaSettings {
        allowedProducers = allowedProducers == null ? List.of()
                : allowedProducers.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** Whether {@code producer} may put commands on {@code ssl.commands}. */
    public boolean producerAllowed(String producer) {
        return allowedProducers.isEmpty() || allowedProducers.contains(producer);
    }
}
