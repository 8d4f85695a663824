package dev.sslplane.worker.nodeclient;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.TlsOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link ReplicaSetClient} over {@code dev.sslplane.nodeclient.NodeClient}: one connection per call, blocking
 * calls on the bounded elastic scheduler, each bounded by the client's connect and read timeouts and, as a last
 * resort, by {@code callTimeout}. The MongoDB Java driver is not used here: the version Spring Boot manages
 * refuses servers below wire version 8 (4.2), and the worker manages 3.4 and 4.0 too.
 */
public class WireReplicaSetClient implements ReplicaSetClient {

    private final NodeClient client;
    private final Duration callTimeout;
    private final TlsContexts contexts = new TlsContexts();

    public WireReplicaSetClient(Duration connectTimeout, Duration readTimeout) {
        this.client = new NodeClient(connectTimeout, readTimeout);
        // connect + TLS handshake + answer, with room for a slow scheduler
        this.callTimeout = connectTimeout.plus(readTimeout).multipliedBy(2);
    }

    @Override
    public Mono<Hello> isMaster(Member member, Connection connection) {
        return call(member, connection, (address, tls) -> Replies.hello(client.isMaster(address, tls)));
    }

    @Override
    public Mono<ReplicaSetStatus> replSetGetStatus(Member member, Connection connection) {
        return call(member, connection, (address, tls) -> Replies.status(client.replSetGetStatus(address, tls)));
    }

    @Override
    public Mono<Void> stepDown(Member member, Connection connection, Duration stepDownFor, Duration catchUp) {
        return call(member, connection, (address, tls) -> {
            client.replSetStepDown(address, tls, (int) stepDownFor.toSeconds(), (int) catchUp.toSeconds());
            return Boolean.TRUE;
        }).then();
    }

    @Override
    public Mono<Void> setMode(Member member, Connection connection, EngineVersion engine, TlsMode mode) {
        return call(member, connection, (address, tls) -> {
            client.setParameter(address, tls, engine.modeParameter(), mode.configValue(engine));
            return Boolean.TRUE;
        }).then();
    }

    @Override
    public Mono<TlsMode> mode(Member member, Connection connection, EngineVersion engine) {
        return call(member, connection, (address, tls) -> {
            Object value = client.getParameter(address, tls, engine.modeParameter()).get(engine.modeParameter());
            if (!(value instanceof String text)) {
                throw new NodeClientException(NodeClientException.Kind.PROTOCOL,
                        member.address() + ": getParameter answered no " + engine.modeParameter(), null);
            }
            return TlsMode.fromConfigValue(text);
        });
    }

    private <T> Mono<T> call(Member member, Connection connection, BiFunction<NodeAddress, TlsOptions, T> command) {
        var address = new NodeAddress(member.host(), member.port());
        Callable<T> blocking = () -> command.apply(address, contexts.options(connection));
        return Mono.fromCallable(blocking).subscribeOn(Schedulers.boundedElastic())
                .timeout(callTimeout, Mono.error(() -> new NodeClientException(NodeClientException.Kind.TIMEOUT,
                        member.address() + ": no answer within " + callTimeout, null)));
    }
}
