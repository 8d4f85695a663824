package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.worker.health.SetHealth;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Before an operation's first change: every registered node answers {@code isMaster} at its registered address,
 * exactly one says it is primary, and the primary's {@code replSetGetStatus} shows every registered node as a
 * member and every member with {@code health: 1} and one PRIMARY. Otherwise the operation fails with
 * {@link NodeFailureCode#PREFLIGHT_FAILED}, naming the node and the reason, and nothing is touched; a retry checks
 * again. One look, no waiting: a set that is not healthy now is the user's to fix.
 */
final class PreFlight {

    private final ReplicaSetClient client;

    PreFlight(ReplicaSetClient client) {
        this.client = client;
    }

    /** Checks the set when nothing has been changed yet; completes at once otherwise. */
    Mono<Void> check(Run run) {
        List<Pass> passes = run.passesToRun();
        if (run.changesBegan || passes.isEmpty()) {
            return Mono.empty();
        }
        Pass first = passes.get(0);
        return Mono.defer(() -> check(run, first, run.plan.control(first)))
                .timeout(run.stepTimeout)
                .onErrorMap(TimeoutException.class, e -> refused(run.nodes().get(0), first,
                        "the replica set did not answer within " + run.stepTimeout));
    }

    private Mono<Void> check(Run run, Pass pass, Connection connection) {
        return Flux.fromIterable(run.nodes())
                .flatMap(node -> client.isMaster(run.member(node), connection)
                        .map(hello -> Map.entry(node, hello))
                        .onErrorMap(e -> refused(node, pass, "node " + node.name() + " does not answer at "
                                + run.member(node).address() + ": " + StepFailures.message(e))))
                .collectList()
                .flatMap(hellos -> {
                    List<NodeSpec> primaries = hellos.stream().filter(e -> e.getValue().primary())
                            .map(Map.Entry::getKey).toList();
                    if (primaries.size() != 1) {
                        return Mono.error(refused(run.nodes().get(0), pass, primaries.isEmpty()
                                ? "no node says it is primary"
                                : "nodes " + primaries.stream().map(NodeSpec::name).collect(Collectors.joining(", "))
                                + " all say they are primary"));
                    }
                    return setStatus(run, pass, connection, primaries.get(0));
                });
    }

    private Mono<Void> setStatus(Run run, Pass pass, Connection connection, NodeSpec primary) {
        return client.replSetGetStatus(run.member(primary), connection)
                .onErrorMap(e -> refused(primary, pass, "primary " + primary.name()
                        + " does not answer replSetGetStatus: " + StepFailures.message(e)))
                .flatMap(status -> SetHealth.problem(status, run.job.instanceId(), run.nodes(), null)
                        .<Mono<Void>>map(problem -> Mono.error(refused(problem.node() == null ? primary
                                : node(run, problem.node()), pass, problem.reason())))
                        .orElse(Mono.empty()));
    }

    private static NodeSpec node(Run run, String name) {
        return run.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static NodeFailedException refused(NodeSpec node, Pass pass, String reason) {
        return new NodeFailedException(node.name(), pass.number(), NodeFailureCode.PREFLIGHT_FAILED,
                "pre-flight check: " + reason + "; no node was touched");
    }
}
