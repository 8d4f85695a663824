package dev.sslplane.fleet.node;

import dev.sslplane.fleet.config.FleetProperties;
import dev.sslplane.fleet.replset.HeartbeatReply;
import dev.sslplane.fleet.replset.Optime;
import dev.sslplane.fleet.replset.ReplicaSet;
import dev.sslplane.fleet.replset.ReplicaSets;
import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.TlsOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Members talk to each other as mongod members do: every interval each running member opens a real
 * connection to every other member (TLS when its own mode is prefer or require, plain otherwise) and runs
 * {@code isMaster}. What comes back, or the reason nothing did, is that member's view of the peer; the
 * replica sets then take their decisions from those views.
 */
@Component
public class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final Fleet fleet;
    private final ReplicaSets replicaSets;
    private final FleetProperties properties;
    private final NodeClient client;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private ExecutorService senders;

    public Heartbeats(Fleet fleet, ReplicaSets replicaSets, FleetProperties properties) {
        this.fleet = fleet;
        this.replicaSets = replicaSets;
        this.properties = properties;
        this.client = new NodeClient(properties.heartbeatTimeout(), properties.heartbeatTimeout());
    }

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat-clock"));
        senders = Executors.newFixedThreadPool(8, daemon("heartbeat"));
        long every = properties.heartbeatInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            List<FleetNode> nodes = fleet.nodes();
            for (FleetNode from : nodes) {
                FleetNode.Outgoing outgoing = from.outgoing();
                if (outgoing == null) {
                    continue;
                }
                for (FleetNode to : nodes) {
                    NodeSettings peer = to.settings();
                    if (to != from && peer.instanceId().equals(outgoing.settings().instanceId())) {
                        send(outgoing, peer);
                    }
                }
            }
            replicaSets.all().forEach(ReplicaSet::tick);
        } catch (RuntimeException e) {
            log.error("heartbeat round failed", e);
        }
    }

    private void send(FleetNode.Outgoing from, NodeSettings to) {
        String pair = from.settings().instanceId() + "/" + from.settings().name() + "->" + to.name();
        if (!inFlight.add(pair)) {
            return;
        }
        ReplicaSet set = replicaSets.of(from.settings().instanceId(), from.settings().replicaSet());
        senders.execute(() -> {
            try {
                TlsOptions tls = from.mode().connectsWithTls() && from.context() != null
                        ? new TlsOptions(from.context(), from.verifyHostname()) : TlsOptions.plain();
                Document reply = client.isMaster(new NodeAddress(to.host(), to.port()), tls);
                set.heartbeatSucceeded(from.settings().name(), to.name(), from.generation(), parse(reply));
            } catch (NodeClientException e) {
                set.heartbeatFailed(from.settings().name(), to.name(), from.generation(),
                        e.kind() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                set.heartbeatFailed(from.settings().name(), to.name(), from.generation(), String.valueOf(e));
            } finally {
                inFlight.remove(pair);
            }
        });
    }

    static HeartbeatReply parse(Document reply) {
        String state = Boolean.TRUE.equals(reply.get("ismaster")) ? "PRIMARY"
                : Boolean.TRUE.equals(reply.get("secondary")) ? "SECONDARY" : "STARTUP2";
        Optime optime = Optime.ZERO;
        if (reply.get("lastWrite") instanceof Document lastWrite
                && lastWrite.get("opTime") instanceof Document opTime
                && opTime.get("ts") instanceof BsonTimestamp ts && opTime.get("t") instanceof Number t) {
            optime = new Optime(t.longValue(), ts.getTime(), ts.getInc());
        }
        return new HeartbeatReply(state, optime);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        senders.shutdownNow();
    }
}
