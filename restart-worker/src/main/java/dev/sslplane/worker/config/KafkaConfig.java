package dev.sslplane.worker.config;

import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.worker.intake.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Records that cannot be read go to the dead-letter topic at once; anything else (MongoDB unavailable) is retried
 * with back-off, without end, because the job must exist before the offset is committed.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean
    NewTopic restartProgressTopic(WorkerProperties properties) {
        return TopicBuilder.name(Topics.RESTART_PROGRESS).partitions(properties.kafka().progressPartitions())
                .replicas(properties.kafka().replicationFactor()).build();
    }

    @Bean
    NewTopic workerDeadLetterTopic(WorkerProperties properties) {
        return TopicBuilder.name(properties.kafka().deadLetterTopic()).partitions(1)
                .replicas(properties.kafka().replicationFactor()).build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, WorkerProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(properties.kafka().deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, e) -> {
            Throwable cause = rootMalformed(e);
            var headers = new RecordHeaders();
            headers.add(Headers.DLT_REASON_CODE, "MALFORMED_RECORD".getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.DLT_REASON, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedRecordException.class);
        // the listener logs each dead-lettered record itself; the container's "seek after exception" is expected
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    private static Throwable rootMalformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MalformedRecordException) {
                return t;
            }
        }
        return e;
    }
}
