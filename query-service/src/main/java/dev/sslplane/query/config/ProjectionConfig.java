package dev.sslplane.query.config;

import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.query.projection.EventDecoder;
import dev.sslplane.query.projection.InstanceChangeFeed;
import dev.sslplane.query.projection.InstanceChanges;
import dev.sslplane.query.projection.MalformedEventException;
import dev.sslplane.query.projection.OperationChanges;
import dev.sslplane.query.projection.ProjectionMetrics;
import dev.sslplane.query.projection.ProjectionService;
import dev.sslplane.query.readmodel.InstanceCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Projection beans and the consumer's error handling. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfig {

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    EventDecoder eventDecoder(MessageCodec codec) {
        return new EventDecoder(codec);
    }

    @Bean
    ProjectionMetrics projectionMetrics(MeterRegistry registry) {
        return new ProjectionMetrics(registry);
    }

    @Bean
    OperationChanges operationChanges() {
        return new OperationChanges();
    }

    @Bean
    InstanceChanges instanceChanges() {
        return new InstanceChanges();
    }

    @Bean
    ProjectionService projectionService(ProjectionMetrics metrics, OperationChanges changes,
                                        InstanceChanges instanceChanges) {
        return new ProjectionService(metrics, changes, instanceChanges);
    }

    @Bean
    InstanceCache instanceCache(QueryProperties properties, MeterRegistry registry) {
        return new InstanceCache(properties.api().instanceCacheSize(), registry);
    }

    @Bean
    InstanceChangeFeed instanceChangeFeed(InstanceCache cache, EventDecoder decoder, QueryProperties properties,
                                          ConsumerFactory<?, ?> consumerFactory) {
        return new InstanceChangeFeed(cache, decoder, properties.kafka().eventsTopic(),
                consumerFactory.getConfigurationProperties());
    }

    /** Records that cannot be read go to the dead-letter topic (the events topic belongs to the command side). */
    @Bean
    NewTopic eventsDeadLetterTopic(QueryProperties properties) {
        return TopicBuilder.name(properties.kafka().deadLetterTopic()).partitions(1).replicas(1).build();
    }

    /**
     * Unreadable records are dead-lettered at once with the reason; anything else (MongoDB down) is retried with
     * a growing pause and never given up, because skipping a readable event would corrupt the read models.
     */
    @Bean
    DefaultErrorHandler eventsErrorHandler(KafkaOperations<Object, Object> template, QueryProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(properties.kafka().deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, ex) -> {
            String reason = rootMessage(ex);
            var headers = new RecordHeaders();
            headers.add(new RecordHeader(Headers.DLT_REASON_CODE,
                    "MALFORMED_EVENT".getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(Headers.DLT_REASON, reason.getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    private static String rootMessage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof MalformedEventException) {
                break;
            }
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
