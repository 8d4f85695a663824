package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.plan.PassPlanner;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One pass: read every node's role ({@code isMaster} at its registered address) as the pass begins, order the
 * steps left ({@link PassPlanner}: hidden, secondaries, primary last) and run them one at a time, each only if
 * the operation's abort has not been asked for ({@link AbortCheck}).
 */
final class PassRunner {

    private final ReplicaSetClient client;
    private final NodeStep nodeStep;
    private final AbortCheck abortCheck;

    PassRunner(ReplicaSetClient client, NodeStep nodeStep, AbortCheck abortCheck) {
        this.client = client;
        this.nodeStep = nodeStep;
        this.abortCheck = abortCheck;
    }

    /** Each step starts only if the operation's abort has not been asked for meanwhile. */
    Mono<Void> run(Run run, Pass pass) {
        return abortCheck.beforeNextStep(run)
                .then(roles(run, pass))
                .flatMapMany(roles -> Flux.fromIterable(PassPlanner.order(pass, run.steppedNodes(), roles, run.done())))
                .concatMap(step -> abortCheck.beforeNextStep(run).then(nodeStep.run(run, step)))
                .then();
    }

    /**
     * Every answering node's role; a node that does not answer (down after a failed start, say) cannot be primary
     * and is ordered with the secondaries. Exactly one node must say it is primary: until one does (an election
     * under way) the look is repeated, within the step timeout.
     */
    private Mono<Map<String, NodeRole>> roles(Run run, Pass pass) {
        var phase = new StepPhase();
        phase.enter("reading the nodes' roles at the start of pass " + pass.number(), NodeFailureCode.UNHEALTHY);
        var connection = run.plan.control(pass);
        return Mono.defer(() -> Flux.fromIterable(run.nodes())
                        .flatMap(node -> client.isMaster(run.member(node), connection)
                                .map(hello -> Map.entry(node.name(), hello.role()))
                                .onErrorResume(e -> {
                                    phase.lastReason("node " + node.name() + ": " + StepFailures.message(e));
                                    return Mono.empty();
                                }))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .flatMap(roles -> {
                            long primaries = roles.values().stream().filter(r -> r == NodeRole.PRIMARY).count();
                            if (primaries == 1) {
                                return Mono.just(roles);
                            }
                            String problem = primaries == 0 ? "no node says it is primary"
                                    : primaries + " nodes say they are primary";
                            phase.lastReason(problem);
                            return Mono.error(new IllegalStateException(problem));
                        }))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .timeout(run.stepTimeout)
                .onErrorMap(e -> StepFailures.of(run.firstRemaining(pass), pass.number(), e, phase,
                        run.stepTimeout));
    }
}
