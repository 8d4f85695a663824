package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.worker.nodeclient.Hello;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.plan.PlannedStep;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The primary hands over before its restart: {@code replSetStepDown} on it, then wait until another member says
 * (in its own {@code isMaster}) that it is primary. mongod refuses when no electable member is healthy and caught
 * up; that, or no new primary within the step timeout, fails the step with
 * {@link NodeFailureCode#STEP_DOWN_FAILED}.
 */
final class StepDown {

    /** NotWritablePrimary (NotMaster before 4.4): the node is no longer primary, someone else may be already. */
    private static final int NOT_PRIMARY = 10107;

    private final ReplicaSetClient client;
    private final Duration stepDownFor;
    private final Duration secondaryCatchUp;
    private final Duration pollInterval;

    StepDown(ReplicaSetClient client, RunSettings settings) {
        this.client = client;
        this.stepDownFor = settings.stepDownFor();
        this.secondaryCatchUp = settings.secondaryCatchUp();
        this.pollInterval = settings.healthPollInterval();
    }

    Mono<Void> handOver(Run run, PlannedStep step, StepPhase phase) {
        var connection = run.plan.control(step.pass());
        return Mono.defer(() -> {
                    phase.enter("stepping down the primary", NodeFailureCode.STEP_DOWN_FAILED);
                    return client.stepDown(run.member(step.node()), connection, stepDownFor, secondaryCatchUp)
                            .onErrorResume(e -> e instanceof NodeCommandException c && c.code() == NOT_PRIMARY,
                                    e -> Mono.empty());
                })
                .retryWhen(StepFailures.transientRetry(phase))
                .then(Mono.defer(() -> {
                    phase.enter("waiting for another member to become primary", NodeFailureCode.STEP_DOWN_FAILED);
                    return otherPrimary(run, step, connection);
                }));
    }

    private Mono<Void> otherPrimary(Run run, PlannedStep step, dev.sslplane.worker.nodeclient.Connection connection) {
        Mono<Boolean> look = Flux.fromIterable(run.nodes())
                .filter(node -> !node.name().equals(step.node().name()))
                .flatMap(node -> client.isMaster(run.member(node), connection).onErrorResume(e -> Mono.empty()))
                .any(Hello::primary);
        return look.flatMap(found -> found ? Mono.just(true) : Mono.delay(pollInterval).thenReturn(false))
                .repeat()
                .takeUntil(found -> found)
                .then();
    }
}
