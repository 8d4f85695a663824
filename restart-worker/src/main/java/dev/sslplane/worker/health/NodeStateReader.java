package dev.sslplane.worker.health;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.nodeclient.Pems;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a node's whole TLS state back from where it is, for an aborted operation: the mode it runs with
 * ({@code getParameter}, over plain TCP, or over TLS when the node requires it), the CAs its CA file holds (the
 * operator), and the CA that signed the certificate it presents: the one of the operation's CAs a TLS handshake
 * verifies it against, with host-name verification as clients do. A node that cannot be read completely errors with
 * {@link UnreadableNodeException}; nothing is guessed.
 */
public class NodeStateReader {

    /** The node could not be read; the message says why, in words for the status. */
    public static final class UnreadableNodeException extends RuntimeException {
        UnreadableNodeException(String message) {
            super(message, null, false, false);
        }
    }

    /** A CA the operation knows: its PEM and its serial as every service writes it (lower-case hex). */
    public record KnownCa(String pem, String serial) {

        public static KnownCa of(String pem) {
            return new KnownCa(pem, Pems.certificates(pem).get(0).getSerialNumber().toString(16));
        }
    }

    private final ReplicaSetClient client;
    private final NodeOperator operator;

    public NodeStateReader(ReplicaSetClient client, NodeOperator operator) {
        this.client = client;
        this.operator = operator;
    }

    /** @param cas every CA of the operation (the one it brought and the one before); the node presents one of them */
    public Mono<NodeTlsState> read(InstanceRef instance, NodeSpec node, List<KnownCa> cas) {
        Member member = Member.of(instance.instanceId(), node);
        List<String> pems = cas.stream().map(KnownCa::pem).toList();
        Mono<TlsMode> mode = client.mode(member, Connection.plain(), instance.engine())
                // a node that requires TLS refuses plain connections
                .onErrorResume(plainRefused -> pems.isEmpty() ? Mono.error(plainRefused)
                        : client.mode(member, Connection.verified(pems), instance.engine()))
                .onErrorMap(e -> unreadable(node, "does not tell its TLS mode", e));
        return mode.flatMap(current -> Mono.zip(issuer(member, node, current, cas),
                        operator.trustedCaSerials(instance, node)
                                .onErrorMap(e -> unreadable(node, "has a CA file the operator cannot read", e)))
                .map(t -> new NodeTlsState(node.name(), current, t.getT2().stream().sorted().toList(),
                        t.getT1().isEmpty() ? null : t.getT1(), true)));
    }

    /** The serial of the CA that signed the certificate the node presents; empty when its mode offers no TLS. */
    private Mono<String> issuer(Member member, NodeSpec node, TlsMode mode, List<KnownCa> cas) {
        if (!mode.acceptsTls()) {
            return Mono.just("");
        }
        return Flux.fromIterable(cas)
                .concatMap(ca -> client.isMaster(member, Connection.verified(List.of(ca.pem())))
                        .map(hello -> ca.serial())
                        .onErrorResume(e -> Mono.empty()))
                .next()
                .switchIfEmpty(Mono.error(() -> new UnreadableNodeException("node " + node.name() + " accepts TLS ("
                        + mode + ") but presents a certificate that none of the operation's " + cas.size()
                        + " CA(s) verifies")));
    }

    private static UnreadableNodeException unreadable(NodeSpec node, String what, Throwable cause) {
        if (cause instanceof UnreadableNodeException known) {
            return known;
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new UnreadableNodeException("node " + node.name() + " " + what + ": " + why);
    }
}
