package dev.sslplane.client.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sslplane.client.RefusedException;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The publisher's abort, rollback and cancel on a real broker, with this test in the command service's place: what
 * lands on {@code ssl.commands} (type, key, headers, payload), and how the answer on {@code ssl.command-results}
 * comes back (the operation id, or the refusal as the REST client throws it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaCommandPublisherIT {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final MessageCodec codec = new MessageCodec();
    private EmbeddedKafkaKraftBroker kafka;
    private KafkaCommandPublisher publisher;
    private KafkaConsumer<String, byte[]> commands;
    private KafkaProducer<String, byte[]> results;

    @BeforeAll
    void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 2, Topics.COMMANDS, Topics.COMMAND_RESULTS);
        kafka.afterPropertiesSet();
        Map<String, Object> bootstrap = Map.of("bootstrap.servers", kafka.getBrokersAsString());
        publisher = new KafkaCommandPublisher(bootstrap, "ops-portal", ANSWER);
        commands = new KafkaConsumer<>(bootstrap, new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = List.of(new TopicPartition(Topics.COMMANDS, 0), new TopicPartition(Topics.COMMANDS, 1));
        commands.assign(partitions);
        commands.seekToBeginning(partitions);
        results = new KafkaProducer<>(bootstrap, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        publisher.close();
        commands.close();
        results.close();
        kafka.destroy();
    }

    @Test
    void abortSendsTheOperationToAbortAndAnswersIt() {
        PendingCommand pending = publisher.abort("rs-1", "op-1");

        ConsumerRecord<String, byte[]> record = nextCommand();
        CommandEnvelope envelope = envelope(record);
        assertThat(record.key()).isEqualTo("rs-1");
        assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo(CommandTypes.ABORT_OPERATION);
        assertThat(header(record, Headers.PRODUCER)).isEqualTo("ops-portal");
        assertThat(header(record, Headers.COMMAND_ID)).isEqualTo(pending.commandId()).startsWith("ops-portal:");
        assertThat(envelope.type()).isEqualTo("AbortOperation");
        assertThat(envelope.instanceId()).isEqualTo("rs-1");
        assertThat(envelope.payload().toString()).isEqualTo("{\"operationId\":\"op-1\"}");

        answer(envelope, CommandResult.Outcome.ACCEPTED, "op-1", null);
        assertThat(pending.awaitAccepted(ANSWER)).isEqualTo("op-1");
    }

    @Test
    void rollbackSendsTheAbortedOperationAndAnswersTheNewOne() {
        PendingCommand pending = publisher.rollBack("rs-1", "op-1");

        ConsumerRecord<String, byte[]> record = nextCommand();
        CommandEnvelope envelope = envelope(record);
        assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo(CommandTypes.ROLL_BACK_OPERATION);
        assertThat(envelope.type()).isEqualTo("RollBackOperation");
        assertThat(envelope.payload().toString()).isEqualTo("{\"operationId\":\"op-1\"}");

        answer(envelope, CommandResult.Outcome.ACCEPTED, "op-rollback-of-op-1", null);
        assertThat(pending.awaitAccepted(ANSWER)).as("the rollback's own id, not the aborted operation's")
                .isEqualTo("op-rollback-of-op-1");
    }

    @Test
    void aRejectionIsThrownWithItsCode() {
        PendingCommand abort = publisher.abort("rs-1", "op-7");
        CommandEnvelope abortEnvelope = envelope(nextCommand());
        PendingCommand cancel = publisher.cancelScheduled("rs-1", "op-8");
        CommandEnvelope cancelEnvelope = envelope(nextCommand());
        assertThat(cancelEnvelope.type()).isEqualTo(CommandTypes.CANCEL_SCHEDULED_OPERATION);
        assertThat(cancelEnvelope.payload().toString()).isEqualTo("{\"operationId\":\"op-8\"}");

        answer(abortEnvelope, CommandResult.Outcome.REJECTED, null, ErrorCode.OPERATION_NOT_ABORTABLE.name());
        answer(cancelEnvelope, CommandResult.Outcome.REJECTED, null, ErrorCode.OPERATION_NOT_SCHEDULED.name());

        assertThatThrownBy(() -> abort.awaitAccepted(ANSWER)).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_NOT_ABORTABLE));
        assertThatThrownBy(() -> cancel.awaitAccepted(ANSWER)).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_NOT_SCHEDULED));
    }

    /** The next command on {@code ssl.commands} (the tests of this class send one at a time and read it). */
    private ConsumerRecord<String, byte[]> nextCommand() {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        await().atMost(ANSWER).until(() -> {
            commands.poll(Duration.ofMillis(200)).forEach(seen::add);
            return !seen.isEmpty();
        });
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }

    private CommandEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        Decoded<CommandEnvelope> decoded = codec.read(record.value(), CommandEnvelope.class);
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<CommandEnvelope>) decoded).value();
    }

    private void answer(CommandEnvelope command, CommandResult.Outcome outcome, String operationId, String code) {
        var result = new CommandResult(command.commandId(), command.instanceId(), command.type(), outcome,
                operationId, code, code == null ? null : "refused: " + code, Instant.now());
        results.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, command.commandId(), codec.encode(result)));
        results.flush();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
