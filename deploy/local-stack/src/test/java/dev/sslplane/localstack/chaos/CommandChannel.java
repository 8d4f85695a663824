package dev.sslplane.localstack.chaos;

import dev.sslplane.client.OperationTimeoutException;
import dev.sslplane.client.ServiceException;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.TransportException;
import dev.sslplane.client.kafka.KafkaCommandPublisher;
import dev.sslplane.client.kafka.PendingCommand;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How a journey's command reaches the command service while components die: over REST (to either replica, the
 * same idempotency key on every attempt) or over {@code ssl.commands} (the same command id on every attempt), so
 * a command sent again after a crash is never executed twice. A refusal is thrown to the caller.
 */
final class CommandChannel {

    private static final Duration ATTEMPT = Duration.ofSeconds(20);

    /** One command: its type ({@link CommandTypes}), instance and payload. */
    record Command(String type, String instanceId, Object payload) {
    }

    private final List<SslplaneClient> replicas;
    private final KafkaCommandPublisher kafka;
    private final Duration patience;

    CommandChannel(List<SslplaneClient> replicas, KafkaCommandPublisher kafka, Duration patience) {
        this.replicas = replicas;
        this.kafka = kafka;
        this.patience = patience;
    }

    /** Sends until answered; returns the operation id ({@code null} for a registration). */
    String send(Command command, boolean overKafka, int replica) {
        String key = "chaos-" + UUID.randomUUID();
        Instant giveUp = Instant.now().plus(patience);
        for (int attempt = 0; ; attempt++) {
            try {
                return overKafka ? viaKafka(command, key)
                        : viaRest(replicas.get((replica + attempt) % replicas.size()), command, key);
            } catch (TransportException | ServiceException | OperationTimeoutException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException(command + " unanswered for " + patience + ": " + e, e);
                }
                pause();
            }
        }
    }

    private String viaKafka(Command command, String key) {
        PendingCommand pending = kafka.resend("chaos:" + key, command.type(), command.instanceId(),
                command.payload());
        return pending.awaitAccepted(ATTEMPT);
    }

    private static String viaRest(SslplaneClient client, Command command, String key) {
        var commands = client.commands();
        return switch (command.type()) {
            case CommandTypes.REGISTER_INSTANCE -> {
                commands.register((RegisterInstanceRequest) command.payload(), key);
                yield null;
            }
            case CommandTypes.ENABLE_SSL -> commands.enable(command.instanceId(), null, key).operationId();
            case CommandTypes.ROTATE_CERTIFICATE -> commands.rotate(command.instanceId(), null, key).operationId();
            case CommandTypes.DISABLE_SSL -> commands.disable(command.instanceId(), key).operationId();
            case CommandTypes.RETRY_RESTART -> commands.retry(command.instanceId(),
                    ((RetryRestartRequest) command.payload()).operationId(), key)
                    .operationId();
            default -> throw new IllegalArgumentException("no REST call for " + command.type());
        };
    }

    /** Between attempts: a component is restarting; polling faster would only add load. */
    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T untilAnswered(Supplier<T> call, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            try {
                return call.get();
            } catch (TransportException | ServiceException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                pause();
            }
        }
    }
}
