package dev.sslplane.worker.intake;

import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.job.AbortReadBack;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.procedure.CaTrust;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.worker.job.JobState;
import dev.sslplane.worker.job.RestartJob;
import dev.sslplane.worker.plan.OperationPlan;
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
 * restarts themselves run in the job engine, so the consumer never waits for them. An abort asked for
 * ({@code OperationAbortRequested}) durably marks the operation's job, whose run then stops after the step in
 * progress and reports; an abort recorded ({@code OperationAborted}) ends the job without a report and has its
 * nodes read back ({@link AbortReadBack}). Both are applied in record order, after the jobs of the records before
 * them. Other event types are skipped (nodes are never created from here: they exist where they are registered); an
 * unreadable record is dead-lettered after the records before it were recorded.
 */
@Component
public class OperationEventListener {

    private static final Logger log = LoggerFactory.getLogger(OperationEventListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final MessageCodec codec;
    private final JobStore store;
    private final JobEngine engine;
    private final Clock clock;
    private final AbortReadBack readBack;

    public OperationEventListener(MessageCodec codec, JobStore store, JobEngine engine, Clock clock,
                                  AbortReadBack readBack) {
        this.codec = codec;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.readBack = readBack;
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
                } else if (event instanceof OperationAbortRequestedEvent || event instanceof OperationAbortedEvent) {
                    recordJobs(pending);
                    abort(event);
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
        if (event instanceof OperationAbortRequestedEvent requested) {
            validateOperationId(requested.operationId());
        }
        if (event instanceof OperationAbortedEvent aborted) {
            validateOperationId(aborted.operationId());
        }
        return event;
    }

    /** Applies an abort event to the operation's job; redelivery changes nothing. */
    private void abort(Object event) {
        if (event instanceof OperationAbortRequestedEvent requested) {
            RestartJob job = store.requestAbort(requested.operationId(), clock.instant()).block(STORE_TIMEOUT);
            if (job == null || job.state().terminal()) {
                log.info("abort of {} asked for: {}; nothing to stop", requested.operationId(),
                        job == null ? "no job of it here" : "its job is " + job.state());
                return;
            }
            log.info("abort of {} of {} asked for; its job ({}) stops after the step in progress",
                    requested.operationId(), requested.instanceId(), job.state());
            // a job at rest was made outstanding: whichever worker claims it stops it at once and reports
            engine.kick();
        } else if (event instanceof OperationAbortedEvent aborted) {
            Boolean changed = store.abort(aborted.operationId(), clock.instant()).block(STORE_TIMEOUT);
            if (Boolean.TRUE.equals(changed)) {
                log.info("operation {} of {} aborted; its job ends without running anything more",
                        aborted.operationId(), aborted.instanceId());
            }
            // durably marked before the offset is committed; the reads themselves run outside the listener
            if (Boolean.TRUE.equals(store.markReadBack(aborted.operationId()).block(STORE_TIMEOUT))) {
                readBack.offer(aborted.operationId());
            }
        }
    }

    private static void validateOperationId(String operationId) {
        if (!IdRules.isId(operationId)) {
            throw new MalformedRecordException("operationId is missing or does not match " + IdRules.ID);
        }
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
        validateOperationId(event.operationId());
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
        List<String> targets = event.targets();
        if (targets != null && (targets.isEmpty() || !names.containsAll(targets)
                || new HashSet<>(targets).size() != targets.size())) {
            throw new MalformedRecordException("targets must name members of the operation, each once");
        }
        validateCas(event);
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
    }

    /**
     * The CAs follow from the passes, not the kind (a rollback may end with or without TLS): the operation's CA
     * when a pass issues certificates under it or trusts it, the previous CA as well when a pass trusts both, and
     * some CA whenever a node may require TLS, since the worker then reaches the nodes over verified TLS.
     */
    private static void validateCas(OperationStartingEvent event) {
        var passes = event.plan();
        for (int i = 0; i < passes.size(); i++) {
            Pass pass = passes.get(i);
            if (pass == null || pass.number() != i + 1 || pass.action() == null || pass.mode() == null
                    || pass.certificate() == null || pass.trust() == null) {
                throw new MalformedRecordException("passes must be numbered from 1 and complete");
            }
        }
        boolean ca = isCertificate(event.ca());
        if (Procedures.needOperationCa(passes) && !ca) {
            throw new MalformedRecordException("the operation's passes need its CA certificate");
        }
        boolean previousCa = isCertificate(event.previousCa());
        if (passes.stream().anyMatch(p -> p.trust() == CaTrust.BUNDLE) && !previousCa) {
            throw new MalformedRecordException("a pass that trusts both CAs needs the previous CA certificate");
        }
        // how the worker reaches the nodes in each pass: over TLS verified against the operation's CAs where a node
        // may require TLS, which needs one
        var plan = new OperationPlan(event.kind(), EngineVersion.V4_2, passes, ca ? event.ca().pem() : null,
                previousCa ? event.previousCa().pem() : null, null);
        for (Pass pass : passes) {
            try {
                plan.control(pass);
            } catch (IllegalStateException e) {
                throw new MalformedRecordException(e.getMessage());
            }
        }
    }

    private static boolean isCertificate(CertificateInfo ca) {
        return ca != null && ca.pem() != null && ca.pem().contains("BEGIN CERTIFICATE");
    }
}
