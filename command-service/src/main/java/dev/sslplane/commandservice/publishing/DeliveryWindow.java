package dev.sslplane.commandservice.publishing;

import dev.sslplane.commandservice.config.EventStoreProperties;
import dev.sslplane.commandservice.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The publisher counts a send as failed after {@code sslplane.kafka.send-timeout}, and another replica may take
 * its segment once the token claim times out. A producer still delivering that send afterwards would put the event
 * on {@code ssl.events} twice, because the retry (or the other replica) sends it again. So the producer's delivery
 * timeout must end before the send timeout, and with the time {@code send()} may block ({@code max.block.ms})
 * before the claim times out; the service refuses to start otherwise.
 */
@Component
class DeliveryWindow {

    /** Kafka's own defaults for {@code delivery.timeout.ms} and {@code max.block.ms}. */
    static final Duration KAFKA_DELIVERY_DEFAULT = Duration.ofMinutes(2);
    static final Duration KAFKA_MAX_BLOCK_DEFAULT = Duration.ofMinutes(1);

    DeliveryWindow(KafkaProperties kafka, KafkaSettings settings, EventStoreProperties eventStore) {
        Map<String, String> producer = kafka.getProducer().getProperties();
        check(millis(producer, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, KAFKA_DELIVERY_DEFAULT),
                millis(producer, ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_MAX_BLOCK_DEFAULT),
                settings.sendTimeout(), eventStore.tokenClaimTimeout());
    }

    static Duration millis(Map<String, String> producerProperties, String name, Duration kafkaDefault) {
        String value = producerProperties.get(name);
        return value == null ? kafkaDefault : Duration.ofMillis(Long.parseLong(value.trim()));
    }

    static void check(Duration delivery, Duration maxBlock, Duration sendTimeout, Duration claimTimeout) {
        if (delivery.compareTo(sendTimeout) >= 0 || delivery.plus(maxBlock).compareTo(claimTimeout) >= 0) {
            throw new IllegalStateException("The Kafka producer's delivery timeout (" + delivery.toMillis()
                    + " ms, KAFKA_DELIVERY_TIMEOUT_MS) must be shorter than the send timeout (" + sendTimeout
                    + ", SSLPLANE_KAFKA_SEND_TIMEOUT), and with max.block.ms (" + maxBlock.toMillis()
                    + " ms) shorter than the token claim timeout (" + claimTimeout
                    + ", SSLPLANE_EVENT_STORE_TOKEN_CLAIM_TIMEOUT): a send counted as failed could still be"
                    + " delivered after the event was sent again");
        }
    }
}
