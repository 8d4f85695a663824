package dev.sslplane.worker.node.simulated;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Hello;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The simulated operator's nodes answering the worker's commands, from memory and with the errors a real node
 * gives ({@code NodeClientException}, {@code NodeCommandException} with mongod's codes).
 */
final class SimulatedReplicaSetClient implements ReplicaSetClient {

    private final SimulatedNodeOperator world;

    SimulatedReplicaSetClient(SimulatedNodeOperator world) {
        this.world = world;
    }

    @Override
    public void registered(String instanceId, List<NodeSpec> nodes) {
        world.ensureSet(instanceId, nodes);
    }

    @Override
    public Mono<Hello> isMaster(Member member, Connection connection) {
        return Mono.fromCallable(() -> world.set(member).isMaster(member.name(), connection));
    }

    @Override
    public Mono<ReplicaSetStatus> replSetGetStatus(Member member, Connection connection) {
        return Mono.fromCallable(() -> world.set(member).status(member.name(), connection));
    }

    @Override
    public Mono<Void> stepDown(Member member, Connection connection, Duration stepDownFor, Duration catchUp) {
        return Mono.fromRunnable(() -> world.stepDown(member, connection));
    }

    @Override
    public Mono<Void> setMode(Member member, Connection connection, EngineVersion engine, TlsMode mode) {
        return Mono.fromRunnable(() -> world.set(member).setMode(member.name(), connection, engine, mode));
    }

    @Override
    public Mono<TlsMode> mode(Member member, Connection connection, EngineVersion engine) {
        return Mono.fromCallable(() -> world.set(member).mode(member.name(), connection));
    }
}
