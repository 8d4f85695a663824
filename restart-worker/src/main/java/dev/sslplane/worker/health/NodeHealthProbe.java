package dev.sslplane.worker.health;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * One health check of a node after its step: the set as the node sees it ({@link SetHealth}, lag included), then
 * the node's own TLS face: plain accepted iff its mode accepts plain, TLS verified against the expected issuer
 * (with host-name verification) iff its mode accepts TLS, TLS refused iff TLS is disabled. Never errors: a failed
 * call is an unhealthy result with the call's words.
 */
public class NodeHealthProbe {

    private final ReplicaSetClient client;
    private final Duration maxLag;

    public NodeHealthProbe(ReplicaSetClient client, Duration maxLag) {
        this.client = client;
        this.maxLag = maxLag;
    }

    public Mono<ProbeResult> check(String instanceId, List<NodeSpec> nodes, NodeSpec node,
                                   HealthExpectation expectation) {
        Member member = Member.of(instanceId, node);
        Mono<ProbeResult> set = client.replSetGetStatus(member, expectation.control())
                .map(status -> SetHealth.problem(status, instanceId, nodes, maxLag)
                        .map(problem -> ProbeResult.unhealthy(problem.reason())).orElse(ProbeResult.ok()))
                .onErrorResume(e -> Mono.just(ProbeResult.unhealthy(
                        "node " + node.name() + " does not answer replSetGetStatus: " + message(e))));
        TlsMode mode = expectation.mode();
        Mono<ProbeResult> plain = face(member, Connection.plain(), mode.acceptsPlain(),
                "plain connections", mode);
        Mono<ProbeResult> tls;
        if (!mode.acceptsTls()) {
            tls = face(member, Connection.anyCertificate(), false, "TLS connections", mode);
        } else if (expectation.expectedIssuer() == null) {
            tls = face(member, Connection.anyCertificate(), true, "TLS connections", mode);
        } else {
            tls = face(member, Connection.verified(List.of(expectation.expectedIssuer())), true,
                    "TLS connections verified against the expected CA", mode);
        }
        return firstProblem(List.of(() -> set, () -> plain, () -> tls));
    }

    private Mono<ProbeResult> face(Member member, Connection connection, boolean expected, String what,
                                   TlsMode mode) {
        return client.isMaster(member, connection)
                .map(hello -> expected ? ProbeResult.ok() : ProbeResult.unhealthy(
                        "node " + member.name() + " accepts " + what + " although its mode is " + mode))
                .onErrorResume(e -> Mono.just(expected ? ProbeResult.unhealthy("node " + member.name()
                        + " refuses " + what + " although its mode is " + mode + ": " + message(e))
                        : ProbeResult.ok()));
    }

    private static Mono<ProbeResult> firstProblem(List<Supplier<Mono<ProbeResult>>> checks) {
        Mono<ProbeResult> result = Mono.just(ProbeResult.ok());
        for (var check : checks) {
            result = result.flatMap(previous -> previous.healthy() ? check.get() : Mono.just(previous));
        }
        return result;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
