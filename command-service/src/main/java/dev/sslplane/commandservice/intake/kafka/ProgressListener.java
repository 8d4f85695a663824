package dev.sslplane.commandservice.intake.kafka;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.ErrorCode;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.FailRestartCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Restart workers' reports on {@code ssl.restart-progress}, folded into the aggregate as RecordNode…, CompleteRestart and FailRestart
 * commands. The aggregate ignores duplicate and late reports, so redelivery is harmless. Unknown message types
 * are skipped (a newer worker may send more); unreadable records are dead letters.
 */
@Component
class ProgressListener {

    static final String DEFAULT_ACTOR = "system:restart-worker";
    private static final int MAX_REASON_LENGTH = 2000;
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
        require(InputRules.isId(report.operationId()), "operationId must match " + InputRules.ID.pattern());
        if (report instanceof NodeRestartStartedReport r) {
            requireNode(r.nodeName());
            require(r.startedAt() != null, "startedAt is required");
            return new RecordNodeRestartStartedCommand(r.instanceId(), r.operationId(), r.nodeName(), r.startedAt());
        }
        if (report instanceof NodeRestartedReport r) {
            requireNode(r.nodeName());
            require(r.restartedAt() != null && r.unreachableMillis() >= 0,
                    "restartedAt is required and unreachableMillis must be 0 or more");
            return new RecordNodeRestartedCommand(r.instanceId(), r.operationId(), r.nodeName(),
                    r.unreachableMillis(), r.restartedAt());
        }
        if (report instanceof RestartCompletedReport r) {
            require(r.completedAt() != null && r.totalMillis() >= 0,
                    "completedAt is required and totalMillis must be 0 or more");
            return new CompleteRestartCommand(r.instanceId(), r.operationId(), r.totalMillis(), r.completedAt());
        }
        RestartFailedReport r = (RestartFailedReport) report;
        requireNode(r.nodeName());
        require(r.failedAt() != null && r.reason() != null && !r.reason().isBlank(),
                "failedAt and reason are required");
        String reason = r.reason().length() > MAX_REASON_LENGTH ? r.reason().substring(0, MAX_REASON_LENGTH) : r.reason();
        return new FailRestartCommand(r.instanceId(), r.operationId(), r.nodeName(), reason, r.failedAt());
    }

    private static void requireNode(String nodeName) {
        require(InputRules.isId(nodeName), "nodeName must match " + InputRules.ID.pattern());
    }

    private static void require(boolean condition, String violation) {
        if (!condition) {
            throw new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED, violation);
        }
    }

    private static String actorOf(EventEnvelope envelope) {
        String actor = envelope.actor();
        return actor != null && InputRules.CLIENT_KEY.matcher(actor).matches() ? actor : DEFAULT_ACTOR;
    }
}
