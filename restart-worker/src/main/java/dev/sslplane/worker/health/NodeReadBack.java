package dev.sslplane.worker.health;

import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Hello;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import reactor.core.publisher.Mono;

/**
 * Reads a node back after its step, from the node itself where it can answer: the mode ({@code getParameter}),
 * its role ({@code isMaster}), and from the operator the CAs its CA file holds.
 */
public class NodeReadBack {

    private final ReplicaSetClient client;
    private final NodeOperator operator;

    public NodeReadBack(ReplicaSetClient client, NodeOperator operator) {
        this.client = client;
        this.operator = operator;
    }

    public Mono<NodeObservation> observe(InstanceRef instance, NodeSpec node, Connection connection) {
        Member member = Member.of(instance.instanceId(), node);
        return Mono.zip(client.mode(member, connection, instance.engine()),
                        operator.trustedCaSerials(instance, node),
                        client.isMaster(member, connection).map(Hello::role))
                .map(t -> new NodeObservation(t.getT1(), t.getT2(), t.getT3()));
    }
}
