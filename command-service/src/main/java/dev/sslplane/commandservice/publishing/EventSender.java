package dev.sslplane.commandservice.publishing;

import dev.sslplane.commandservice.config.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends event records and waits for the broker's acknowledgement (idempotent producer, {@code acks=all}). A send
 * that is not acknowledged in time throws, so the caller (the tracking processor) does not move its token past
 * an event Kafka has not stored.
 */
@Component
public class EventSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaSettings settings;
    private final Timer lag;
    private final Counter published;

    public EventSender(KafkaTemplate<String, byte[]> kafka, KafkaSettings settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.settings = settings;
        this.lag = Timer.builder("sslplane.events.publish.lag")
                .description("Time from an event being stored to Kafka acknowledging it on ssl.events")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.published = Counter.builder("sslplane.events.published")
                .description("Events acknowledged by Kafka on ssl.events (republished ones included)")
                .register(meters);
    }

    /** Starts a send; {@link #await} waits for it. Lets a batch of sends overlap. */
    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
        return kafka.send(record);
    }

    public void await(CompletableFuture<SendResult<String, byte[]>> sending, Instant storedAt) {
        try {
            sending.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishingException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublishingException("Kafka did not acknowledge an event on ssl.events", e);
        }
        published.increment();
        if (storedAt != null) {
            lag.record(Duration.between(storedAt, Instant.now()).abs());
        }
    }

    public void sendAndWait(ProducerRecord<String, byte[]> record, Instant storedAt) {
        await(send(record), storedAt);
    }

    /** An event could not be handed to Kafka; the processor retries it from its stored token. */
    public static class EventPublishingException extends RuntimeException {
        EventPublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
