package dev.sslplane.worker.intake;

import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.procedure.Pass;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ssl.events} in batches. Events that start or resume an operation become durable jobs (one
 * unordered insert per batch) before the listener returns, and so before the offsets are committed; the
 * restarts themselves run in the job engine, so the consumer never waits for them. Other event types are
 * skipped (nodes are never created from here: they exist where they are registered); an unreadable record is
 * dead-lettered after the records before it were recorded.
 */
@Component
public class OperationEventListener {

    private static final Logger log = LoggerFactory.getLogger(OperationEventListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final MessageCodec codec;
    private final JobStore store;
    private final JobEngine engine;
    private final Clock clock;

    public OperationEventListener(MessageCodec codec, JobStore store, JobEngine engine, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.EVENTS, groupId = "${sslplane.worker.kafka.group-id}", batch = "true")
    public void onRecords(List<ConsumerRecord<String, byte[]>> records) {
        var pending = new ArrayList<OperationStartingEvent>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                Object event = read(record);
                if (event instanceof OperationStartingEvent start) {
                    pending.add(start);
                }
            } catch (MalformedRecordException e) {
                // the records before this one are recorded first, so the error handler may commit them
                recordJobs(pending);
                log.warn("dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
        }
        recordJobs(pending);
    }

    private Object read(ConsumerRecord<String, byte[]> record) {
        Decoded<Object> decoded = codec.decode(record.value());
        if (decoded instanceof Decoded.Malformed<Object> malformed) {
            throw new MalformedRecordException(malformed.reason());
        }
        if (decoded instanceof Decoded.UnknownType<Object> unknown) {
            log.debug("skipping unknown event type {} at offset {}", unknown.type(), record.offset());
            return null;
        }
        Object event = ((Decoded.Ok<Object>) decoded).value();
        if (event instanceof OperationStartingEvent start) {
            validate(start);
        }
        return event;
    }

    private void recordJobs(List<OperationStartingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String> changed = store.recordAll(events, clock.instant()).block(STORE_TIMEOUT);
        events.clear();
        if (changed != null && !changed.isEmpty()) {
            log.info("{} restart job(s) recorded", changed.size());
            engine.offer(changed);
        }
    }

    static void validate(OperationStartingEvent event) {
        if (!IdRules.isId(event.operationId())) {
            throw new MalformedRecordException("operationId is missing or does not match " + IdRules.ID);
        }
        if (event.kind() == null) {
            throw new MalformedRecordException("operation kind is missing");
        }
        if (event.nodes() == null || event.nodes().isEmpty() || event.nodes().size() > 50) {
            throw new MalformedRecordException("an operation needs between 1 and 50 nodes");
        }
        var names = new HashSet<String>();
        for (NodeSpec node : event.nodes()) {
            if (node == null || node.name() == null || !IdRules.isId(node.name())
                    || !names.add(node.name())) {
                throw new MalformedRecordException("node names must be unique and match " + IdRules.ID);
            }
            if (node.host() == null || node.host().isBlank() || node.port() < 1 || node.port() > 65535
                    || node.role() == null) {
                throw new MalformedRecordException("node " + node.name() + " needs a host, a port and a role");
            }
        }
        if (event.kind().tlsAfterRestart() && (event.ca() == null || event.ca().pem() == null
                || !event.ca().pem().contains("BEGIN CERTIFICATE"))) {
            throw new MalformedRecordException("an operation that enables TLS needs the CA certificate");
        }
        if (event.engineVersion() != null) {
            try {
                EngineVersion.of(event.engineVersion());
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException(e.getMessage());
            }
        }
        if (event.operator() != null) {
            List<String> violations = event.operator().violations(event.nodes());
            if (!violations.isEmpty()) {
                throw new MalformedRecordException("the node operator target is incomplete: "
                        + String.join("; ", violations));
            }
        }
        var passes = event.plan();
        for (int i = 0; i < passes.size(); i++) {
            Pass pass = passes.get(i);
            if (pass == null || pass.number() != i + 1 || pass.action() == null || pass.mode() == null
                    || pass.certificate() == null || pass.trust() == null) {
                throw new MalformedRecordException("passes must be numbered from 1 and complete");
            }
        }
    }
}
