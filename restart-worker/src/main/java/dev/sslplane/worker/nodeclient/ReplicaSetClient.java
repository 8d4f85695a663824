package dev.sslplane.worker.nodeclient;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The commands the worker sends to managed mongod nodes, reactive. {@link WireReplicaSetClient} speaks the legacy
 * OP_QUERY path that MongoDB 3.4, 4.0 and 4.2 answer; the simulated operator has an in-memory one.
 *
 * <p>Errors are those of {@code dev.sslplane.nodeclient}: {@code NodeCommandException} when the node answered
 * {@code ok: 0} (with MongoDB's code and words), {@code NodeClientException} when there was no usable answer
 * (connection refused or closed, TLS handshake failed, timeout).
 */
public interface ReplicaSetClient {

    /**
     * Told at the start of every run which nodes an instance is registered with. A client of real nodes needs
     * nothing from it; an in-memory replica set builds itself from it the first time it hears of the instance.
     */
    default void registered(String instanceId, List<NodeSpec> nodes) {
    }

    Mono<Hello> isMaster(Member member, Connection connection);

    Mono<ReplicaSetStatus> replSetGetStatus(Member member, Connection connection);

    /**
     * {@code replSetStepDown} on the primary; completes once the member accepted (or closed the connection,
     * as 3.4 and 4.0 do when they step down). The caller checks who is primary afterwards.
     */
    Mono<Void> stepDown(Member member, Connection connection, Duration stepDownFor, Duration secondaryCatchUp);

    /** {@code setParameter} of the engine's mode parameter ({@code sslMode}/{@code tlsMode}) in its own words. */
    Mono<Void> setMode(Member member, Connection connection, EngineVersion engine, TlsMode mode);

    /** {@code getParameter} of the engine's mode parameter: the mode the member runs with now. */
    Mono<TlsMode> mode(Member member, Connection connection, EngineVersion engine);
}
