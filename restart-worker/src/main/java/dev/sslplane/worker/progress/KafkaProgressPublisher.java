package dev.sslplane.worker.progress;

import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.progress.RestartProgressReport;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes reports as {@code EventEnvelope}s on {@code ssl.restart-progress}, keyed by instance id. */
public class KafkaProgressPublisher implements ProgressPublisher {

    public static final String ACTOR = "system:restart-worker";

    private final KafkaTemplate<String, byte[]> template;
    private final MessageCodec codec;

    public KafkaProgressPublisher(KafkaTemplate<String, byte[]> template, MessageCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    @Override
    public Mono<Void> publish(RestartProgressReport report, int attempt) {
        return Mono.defer(() -> {
            var envelope = codec.envelope(report, report.reportId() + "#" + attempt, report.instanceId(), null,
                    report.occurredAt(), ACTOR, report.operationId());
            var record = new ProducerRecord<String, byte[]>(Topics.RESTART_PROGRESS, report.instanceId(),
                    codec.encode(envelope));
            record.headers().add(Headers.MESSAGE_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.SCHEMA_VERSION,
                    String.valueOf(envelope.schemaVersion()).getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.OPERATION_ID, report.operationId().getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.ACTOR, ACTOR.getBytes(StandardCharsets.UTF_8));
            // the producer completes sends on its single network thread: continue elsewhere so that what follows a
            // report (the next store write, the next node) never delays other reports' acknowledgements
            return Mono.fromFuture(template.send(record)).publishOn(Schedulers.parallel()).then();
        });
    }
}
