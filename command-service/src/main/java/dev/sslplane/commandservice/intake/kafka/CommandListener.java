package dev.sslplane.commandservice.intake.kafka;

import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.config.KafkaSettings;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.IdRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Commands from other services on {@code ssl.commands}. Each command gets exactly one {@link CommandResult} on
 * {@code ssl.command-results} (keyed by command id); a redelivered command is answered again from the stored
 * result. Domain refusals are REJECTED results; records that cannot be read or validated, or that do not name an
 * allowed producer in {@code ssl-producer}, are dead letters.
 */
@Component
class CommandListener {

    /** Producer names: the same shape as ids, so {@code service:<producer>} is safe in logs and events. */
    static final Pattern PRODUCER = IdRules.ID;
    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final MessageCodec codec;
    private final CommandPayloads payloads;
    private final CommandDispatcher dispatcher;
    private final CommandResultStore results;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaSettings settings;
    private final Clock clock;

    CommandListener(MessageCodec codec, CommandDispatcher dispatcher, CommandResultStore results,
                    KafkaTemplate<String, byte[]> kafka, KafkaSettings settings, CertificatePolicy certificatePolicy) {
        this.codec = codec;
        this.payloads = new CommandPayloads(codec, certificatePolicy);
        this.dispatcher = dispatcher;
        this.results = results;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    @KafkaListener(id = "command-intake", topics = Topics.COMMANDS,
            autoStartup = "${sslplane.kafka.listeners-auto-startup:true}")
    void onCommand(ConsumerRecord<String, byte[]> record) {
        String producer = producerOf(record);
        CommandEnvelope envelope = readValid(record);
        var previous = results.find(envelope.commandId());
        if (previous.isPresent()) {
            log.info("Command {} was already answered ({}); sending the answer again",
                    envelope.commandId(), previous.get().outcome());
            publish(previous.get());
            return;
        }
        publish(results.remember(execute(envelope, "service:" + producer)));
    }

    private CommandResult execute(CommandEnvelope envelope, String actor) {
        try {
            CommandPayloads.Intake intake = payloads.toCommand(envelope);
            dispatcher.dispatch(intake.command(), actor, envelope.commandId(), "kafka");
            return result(envelope, CommandResult.Outcome.ACCEPTED, intake.operationId(), null, null);
        } catch (DomainException e) {
            if (e.code() == dev.sslplane.contracts.error.ErrorCode.VALIDATION_FAILED) {
                throw new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED, e.getMessage());
            }
            return result(envelope, CommandResult.Outcome.REJECTED, null, e.code().name(), e.getMessage());
        }
    }

    private CommandResult result(CommandEnvelope envelope, CommandResult.Outcome outcome, String operationId,
                                 String code, String message) {
        return new CommandResult(envelope.commandId(), envelope.instanceId(), envelope.type(), outcome, operationId,
                code, message, clock.instant());
    }

    /** Reads and checks the envelope; anything wrong with it makes the record a dead letter. */
    private CommandEnvelope readValid(ConsumerRecord<String, byte[]> record) {
        Decoded<CommandEnvelope> decoded = codec.read(record.value(), CommandEnvelope.class);
        if (decoded instanceof Decoded.Malformed<CommandEnvelope> malformed) {
            throw new RejectedRecordException(RejectedRecordException.MALFORMED_RECORD, malformed.reason());
        }
        CommandEnvelope envelope = ((Decoded.Ok<CommandEnvelope>) decoded).value();
        if (envelope.commandId() == null || !IdRules.CLIENT_KEY.matcher(envelope.commandId()).matches()) {
            throw new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED,
                    "commandId must match " + IdRules.CLIENT_KEY.pattern());
        }
        if (envelope.type() == null || !CommandTypes.ALL.contains(envelope.type())) {
            throw new RejectedRecordException(RejectedRecordException.UNKNOWN_COMMAND_TYPE,
                    "command type must be one of " + CommandTypes.ALL.stream().sorted().toList());
        }
        if (!IdRules.isId(envelope.instanceId())) {
            throw new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED,
                    "instanceId must match " + IdRules.ID.pattern());
        }
        return envelope;
    }

    /**
     * The producing service named by the {@code ssl-producer} header, checked against the allow-list before the
     * record is even decoded. Kafka ACLs decide who may write {@code ssl.commands}; the header says which of the
     * permitted services did, and becomes the actor {@code service:<producer>}. A client-typed {@code ssl-actor}
     * header is ignored.
     */
    private String producerOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Headers.PRODUCER);
        String producer = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        if (producer == null || !PRODUCER.matcher(producer).matches()) {
            throw new RejectedRecordException(RejectedRecordException.PRODUCER_MISSING,
                    "a command needs the " + Headers.PRODUCER + " header naming the producing service ("
                            + PRODUCER.pattern() + ")");
        }
        if (!settings.producerAllowed(producer)) {
            throw new RejectedRecordException(RejectedRecordException.PRODUCER_NOT_ALLOWED,
                    "producer " + producer + " is not in sslplane.kafka.allowed-producers");
        }
        return producer;
    }

    /** Sends the answer and waits for the broker, so the command's offset is committed only once it is out. */
    private void publish(CommandResult result) {
        var out = new ProducerRecord<>(Topics.COMMAND_RESULTS, null, result.commandId(), codec.encode(result),
                List.<Header>of(
                        header(Headers.COMMAND_ID, result.commandId()),
                        header(Headers.MESSAGE_TYPE, "CommandResult")));
        if (result.operationId() != null) {
            out.headers().add(header(Headers.OPERATION_ID, result.operationId()));
        }
        try {
            kafka.send(out).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending command result", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send the result of command " + result.commandId(), e);
        }
    }

    private static Header header(String name, String value) {
        return new org.apache.kafka.common.header.internals.RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
