package dev.sslplane.localstack.chaos;

import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.QueryClient;
import dev.sslplane.client.RefusedException;
import dev.sslplane.client.model.Operation;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.localstack.chaos.CommandChannel.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * One instance's way through Enable → Rotate → Disable while faults are injected: each command over REST or Kafka
 * (chosen by the run's seed), each operation followed on the query service until it completes, and retried with
 * its reason recorded each time it fails.
 */
final class Journey implements Callable<Journey.Outcome> {

    private static final Map<String, OperationKind> KINDS = Map.of(CommandTypes.ENABLE_SSL, OperationKind.ENABLE,
            CommandTypes.ROTATE_CERTIFICATE, OperationKind.ROTATE, CommandTypes.DISABLE_SSL, OperationKind.DISABLE);

    /** One operation of the journey: its id, and the reasons of the failures Retry got it past. */
    record Step(OperationKind kind, String operationId, List<String> failures) {
    }

    record Outcome(String instanceId, List<Step> steps) {
    }

    private final RegisterInstanceRequest registration;
    private final CommandChannel channel;
    private final QueryClient query;
    private final Random random;
    private final int replicas;
    private final Instant deadline;

    Journey(RegisterInstanceRequest registration, CommandChannel channel, QueryClient query, long seed,
            int replicas, Instant deadline) {
        this.registration = registration;
        this.channel = channel;
        this.query = query;
        this.random = new Random(seed);
        this.replicas = replicas;
        this.deadline = deadline;
    }

    @Override
    public Outcome call() {
        String id = registration.instanceId();
        try {
            send(new Command(CommandTypes.REGISTER_INSTANCE, id, registration));
        } catch (RefusedException e) {
            if (e.code() != ErrorCode.INSTANCE_ALREADY_REGISTERED) {
                throw e; // registered by an attempt whose answer was lost is fine; any other refusal is not
            }
        }
        List<Step> steps = new ArrayList<>();
        for (String type : List.of(CommandTypes.ENABLE_SSL, CommandTypes.ROTATE_CERTIFICATE, CommandTypes.DISABLE_SSL)) {
            steps.add(complete(KINDS.get(type), start(type)));
        }
        return new Outcome(id, steps);
    }

    /** The journey of an instance whose Enable was scheduled before the run: that operation, to completion. */
    Outcome completeScheduledEnable(String operationId) {
        return new Outcome(registration.instanceId(), List.of(complete(OperationKind.ENABLE, operationId)));
    }

    private String start(String type) {
        String id = registration.instanceId();
        try {
            return send(new Command(type, id, null));
        } catch (RefusedException e) {
            // a command answered by a replica that died before it could say so, then sent again: the operation
            // it started is the one running
            var running = CommandChannel.untilAnswered(() -> query.status(id), Duration.ofMinutes(2)).operation();
            if (e.code() == ErrorCode.OPERATION_IN_PROGRESS && running != null
                    && running.kind().equals(KINDS.get(type).name())) {
                return running.operationId();
            }
            throw e;
        }
    }

    private Step complete(OperationKind kind, String operationId) {
        List<String> failures = new ArrayList<>();
        int attempt = 1;
        while (true) {
            Operation operation = follow(operationId, attempt);
            if (operation.completed()) {
                return new Step(kind, operationId, failures);
            }
            failures.add(operation.failure() == null ? "FAILED without a reason"
                    : operation.failure().code() + ": " + operation.failure().reason());
            try {
                send(new Command(CommandTypes.RETRY_RESTART, registration.instanceId(),
                        new RetryRestartRequest(operationId)));
            } catch (RefusedException e) {
                if (e.code() != ErrorCode.OPERATION_NOT_RETRYABLE) {
                    throw e; // not failed any more: a Retry whose answer was lost has already taken effect
                }
            }
            attempt = operation.attempt() + 1;
        }
    }

    /**
     * Polls the query service until the operation rests (COMPLETED, or FAILED in attempt {@code attempt} or
     * later: a view of an earlier attempt's failure is one the projection has not yet moved past).
     */
    private Operation follow(String operationId, int attempt) {
        while (Instant.now().isBefore(deadline)) {
            try {
                Operation operation = CommandChannel.untilAnswered(
                        () -> query.operation(registration.instanceId(), operationId), Duration.ofMinutes(2));
                if (operation.completed() || "FAILED".equals(operation.state()) && operation.attempt() >= attempt) {
                    return operation;
                }
            } catch (NotFoundException notYetProjected) {
                // the projection has not caught up with the 202 yet
            }
            CommandChannel.pause();
        }
        throw new IllegalStateException(registration.instanceId() + ": operation " + operationId
                + " did not finish before the run's deadline");
    }

    private String send(Command command) {
        return channel.send(command, random.nextBoolean(), random.nextInt(replicas));
    }
}
