package dev.sslplane.commandservice.intake.kafka;

import dev.sslplane.commandservice.config.KafkaSettings;
import dev.sslplane.contracts.messaging.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the consumers treat records they cannot handle. Spring Boot gives this error handler to every
 * {@code @KafkaListener} container.
 *
 * <ul>
 *   <li>{@link RejectedRecordException} (bad content): no retry, straight to {@code <topic>.DLT} with
 *       {@link Headers#DLT_REASON_CODE} and {@link Headers#DLT_REASON};</li>
 *   <li>anything else (MongoDB or Kafka briefly unavailable): retried with exponential back-off, the partition
 *       waits; after the last attempt the record is a dead letter with reason code {@code PROCESSING_FAILED}.</li>
 * </ul>
 * Either way the consumer moves on: one bad record never stops it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaIntakeConfiguration.class);
    private static final int MAX_REASON_LENGTH = 500;

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, KafkaSettings settings) {
        // Partition -1: let the producer choose, so the dead-letter topic may have any number of partitions.
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + ".DLT", -1));
        recoverer.setHeadersFunction((record, e) -> {
            Throwable cause = rootRejection(e);
            String code = cause instanceof RejectedRecordException r
                    ? r.reasonCode() : RejectedRecordException.PROCESSING_FAILED;
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (reason.length() > MAX_REASON_LENGTH) {
                reason = reason.substring(0, MAX_REASON_LENGTH);
            }
            log.warn("Dead-lettering record {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(),
                    code, reason);
            var headers = new RecordHeaders();
            headers.add(Headers.DLT_REASON_CODE, code.getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.DLT_REASON, reason.getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        var backOff = new ExponentialBackOff(settings.retryBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        backOff.setMaxAttempts(Math.max(0, settings.processingAttempts() - 1));
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(RejectedRecordException.class);
        return handler;
    }

    /** The rejection inside the listener-execution wrapping, or the deepest cause when there is none. */
    private static Throwable rootRejection(Throwable e) {
        Throwable t = e;
        Throwable deepest = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof RejectedRecordException) {
                return t;
            }
            deepest = t;
        }
        return deepest;
    }
}
