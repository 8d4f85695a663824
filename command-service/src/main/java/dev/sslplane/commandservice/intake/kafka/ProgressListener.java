package dev.sslplane.commandservice.intake.kafka;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.FailRestartCommand;
import dev.sslplane.contracts.command.HoldOperationCommand;
import dev.sslplane.contracts.command.RecordNodeStatesObservedCommand;
import dev.sslplane.contracts.command.RecordOperationStoppedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Restart workers' reports on {@code ssl.restart-progress}, folded into the aggregate as RecordNode…,
 * HoldOperation, CompleteRestart, FailRestart, RecordOperationStopped and RecordNodeStatesObserved commands. The
 * aggregate ignores duplicate and late reports, so redelivery is harmless. Unknown message types are skipped (a
 * newer worker may send more); unreadable or invalid records are dead letters.
 */
@Component
class ProgressListener {

    static final String DEFAULT_ACTOR = "system:restart-worker";
    private static final int MAX_REASON_LENGTH = 2000;
    /** No procedure has more than a few passes; anything far above is not a real report. */
    private static final int MAX_PASS = 16;
    private static final int MAX_TRUSTED_CAS = 8;
    /** An instance has at most 50 members (the worker's own limit on an operation). */
    private static final int MAX_NODES = 50;
    /** Certificate serials as every service writes them: lower-case hex (at most 20 bytes). */
    private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");
    private static final Set<String> FAILURE_CODES = Arrays.stream(NodeFailureCode.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final MessageCodec codec;
    private final CommandDispatcher dispatcher;

    ProgressListener(MessageCodec codec, CommandDispatcher dispatcher) {
        this.codec = codec;
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = "progress-intake", topics = Topics.RESTART_PROGRESS,
            autoStartup = "${sslplane.kafka.listeners-auto-startup:true}")
    void onProgress(ConsumerRecord<String, byte[]> record) {
        Decoded<EventEnvelope> envelope = codec.decodeEnvelope(record.value());
        if (envelope instanceof Decoded.Malformed<EventEnvelope> malformed) {
            throw new RejectedRecordException(RejectedRecordException.MALFORMED_RECORD, malformed.reason());
        }
        EventEnvelope read = ((Decoded.Ok<EventEnvelope>) envelope).value();
        Decoded<Object> payload = codec.decodePayload(read);
        if (payload instanceof Decoded.UnknownType<Object> unknown) {
            log.warn("Skipping progress record of unknown type '{}' for instance {}", unknown.type(),
                    unknown.instanceId());
            return;
        }
        if (payload instanceof Decoded.Malformed<Object> malformed) {
            throw new RejectedRecordException(RejectedRecordException.MALFORMED_RECORD, malformed.reason());
        }
        Object value = ((Decoded.Ok<Object>) payload).value();
        if (!(value instanceof RestartProgressReport report)) {
            throw new RejectedRecordException(RejectedRecordException.UNEXPECTED_MESSAGE_TYPE,
                    read.type() + " is not a restart progress report");
        }
        Object command = toCommand(report);
        try {
            dispatcher.dispatch(command, actorOf(read), read.eventId(), "progress");
        } catch (DomainException e) {
            if (e.code() == ErrorCode.INSTANCE_NOT_FOUND) {
                throw new RejectedRecordException(RejectedRecordException.INSTANCE_NOT_FOUND, e.getMessage());
            }
            // Progress commands are not refused by the aggregate (late ones are ignored); anything else is logged.
            log.warn("Progress report {} refused with {}: {}", report.reportId(), e.code(), e.getMessage());
        }
    }

    private static Object toCommand(RestartProgressReport report) {
        require(IdRules.isId(report.operationId()), "operationId must match " + IdRules.ID.pattern());
        if (report instanceof NodeRestartStartedReport r) {
            requireStep(r.nodeName(), r.pass());
            require(r.startedAt() != null, "startedAt is required");
            return new RecordNodeRestartStartedCommand(r.instanceId(), r.operationId(), r.nodeName(), r.startedAt(),
                    r.pass(), r.role(), r.stepTimeout());
        }
        if (report instanceof NodeRestartedReport r) {
            requireStep(r.nodeName(), r.pass());
            require(r.restartedAt() != null && r.unreachableMillis() >= 0,
                    "restartedAt is required and unreachableMillis must be 0 or more");
            requireObservation(r.observed());
            return new RecordNodeRestartedCommand(r.instanceId(), r.operationId(), r.nodeName(),
                    r.unreachableMillis(), r.restartedAt(), r.pass(), r.observed());
        }
        if (report instanceof RestartCompletedReport r) {
            require(r.completedAt() != null && r.totalMillis() >= 0,
                    "completedAt is required and totalMillis must be 0 or more");
            return new CompleteRestartCommand(r.instanceId(), r.operationId(), r.totalMillis(), r.completedAt());
        }
        if (report instanceof OperationHeldReport r) {
            requirePass(r.pass());
            require(r.heldAt() != null, "heldAt is required");
            return new HoldOperationCommand(r.instanceId(), r.operationId(), r.pass(), r.heldAt());
        }
        if (report instanceof OperationStoppedReport r) {
            require(r.stoppedAt() != null, "stoppedAt is required");
            return new RecordOperationStoppedCommand(r.instanceId(), r.operationId(), r.stoppedAt());
        }
        if (report instanceof NodeStatesObservedReport r) {
            return observed(r);
        }
        RestartFailedReport r = (RestartFailedReport) report;
        requireStep(r.nodeName(), r.pass());
        require(r.failedAt() != null && r.reason() != null && !r.reason().isBlank(),
                "failedAt and reason are required");
        require(r.code() == null || FAILURE_CODES.contains(r.code()),
                "code must be one of " + FAILURE_CODES.stream().sorted().toList());
        String reason = r.reason().length() > MAX_REASON_LENGTH ? r.reason().substring(0, MAX_REASON_LENGTH) : r.reason();
        return new FailRestartCommand(r.instanceId(), r.operationId(), r.nodeName(), reason, r.failedAt(), r.pass(),
                r.code());
    }

    /** The nodes read back after an abort: bounded, named like members, each with a mode and hex serials. */
    private static RecordNodeStatesObservedCommand observed(NodeStatesObservedReport r) {
        require(r.observedAt() != null, "observedAt is required");
        require(r.nodes().size() + r.unreadNodes().size() <= MAX_NODES,
                "a read-back names at most " + MAX_NODES + " nodes");
        for (NodeTlsState node : r.nodes()) {
            require(node != null && IdRules.isId(node.node()), "nodes[].node must match " + IdRules.ID.pattern());
            require(node.mode() != null, "nodes[].mode is required");
            requireSerials(node.trustedCaSerials(), "nodes[].trustedCaSerials");
            require(node.certificateCaSerial() == null || SERIAL.matcher(node.certificateCaSerial()).matches(),
                    "nodes[].certificateCaSerial must match " + SERIAL.pattern());
        }
        var unread = new java.util.TreeMap<String, String>();
        r.unreadNodes().forEach((node, reason) -> {
            require(IdRules.isId(node), "unreadNodes keys must match " + IdRules.ID.pattern());
            String why = reason == null || reason.isBlank() ? "not read back" : reason;
            unread.put(node, why.length() > MAX_REASON_LENGTH ? why.substring(0, MAX_REASON_LENGTH) : why);
        });
        return new RecordNodeStatesObservedCommand(r.instanceId(), r.operationId(), r.nodes(), unread,
                r.observedAt());
    }

    private static void requireStep(String nodeName, int pass) {
        require(IdRules.isId(nodeName), "nodeName must match " + IdRules.ID.pattern());
        requirePass(pass);
    }

    private static void requirePass(int pass) {
        require(pass >= 1 && pass <= MAX_PASS, "pass must be between 1 and " + MAX_PASS);
    }

    /** The node as read back is optional (older workers); when present, its CA list is bounded and hex. */
    private static void requireObservation(NodeObservation observed) {
        if (observed == null) {
            return;
        }
        require(observed.mode() != null, "observed.mode is required when observed is present");
        requireSerials(observed.trustedCaSerials(), "observed.trustedCaSerials");
    }

    private static void requireSerials(java.util.List<String> serials, String field) {
        require(serials.size() <= MAX_TRUSTED_CAS
                        && serials.stream().allMatch(s -> s != null && SERIAL.matcher(s).matches()),
                field + " must hold at most " + MAX_TRUSTED_CAS + " serials matching " + SERIAL.pattern());
    }

    private static void require(boolean condition, String violation) {
        if (!condition) {
            throw new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED, violation);
        }
    }

    private static String actorOf(EventEnvelope envelope) {
        String actor = envelope.actor();
        return actor != null && IdRules.CLIENT_KEY.matcher(actor).matches() ? actor : DEFAULT_ACTOR;
    }
}
