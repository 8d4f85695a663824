package dev.sslplane.fleet.node;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.sslplane.fleet.mongod.Engine;
import dev.sslplane.fleet.mongod.MongodConfig;
import dev.sslplane.fleet.mongod.MongodConfigParser;
import dev.sslplane.fleet.mongod.StartFailure;
import dev.sslplane.fleet.mongod.TlsMaterial;
import dev.sslplane.fleet.mongod.TlsMode;
import dev.sslplane.fleet.replset.ReplicaSet;
import dev.sslplane.fleet.wire.NodeBackend;
import dev.sslplane.fleet.wire.NodeCommands;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * One node: a mongod stand-in that reads its config file at every start, as mongod does, and refuses to
 * start on a file mongod would refuse. Lifecycle calls hold the node's monitor; heartbeats read the
 * volatile snapshot in {@link #outgoing()} without it.
 */
final class FleetNode {

    /** What a running member needs for its own connections, fixed for one run. */
    record Outgoing(NodeSettings settings, long generation, TlsMode mode, SSLContext context,
                    boolean verifyHostname) {
    }

    private final NodeFiles files;
    private final ReplicaSet replicaSet;
    private final AtomicReference<TlsMode> mode = new AtomicReference<>(TlsMode.DISABLED);
    private volatile NodeSettings settings;
    private volatile NodeState state = NodeState.STOPPED;
    private volatile String failureReason;
    private volatile MongodConfig config;
    private volatile TlsMaterial tls;
    private volatile long generation;
    private NodeListener listener;
    private NodeBackend backend;
    private int restarts;

    FleetNode(NodeFiles files, ReplicaSet replicaSet, NodeSettings settings) {
        this.files = files;
        this.replicaSet = replicaSet;
        this.settings = settings;
    }

    NodeFiles files() {
        return files;
    }

    NodeSettings settings() {
        return settings;
    }

    void update(NodeSettings newSettings) {
        files.writeSettings(newSettings);
        this.settings = newSettings;
    }

    NodeState state() {
        return state;
    }

    /** Reads mongod.conf and the files it names, opens the data and listens; a refusal leaves the node FAILED. */
    void start(EventLoopGroup boss, EventLoopGroup workers, String bindAddress) {
        Engine engine = Engine.of(settings.engineVersion());
        try {
            String text = files.config().orElseThrow(() -> new StartFailure(
                    "Error reading config file: " + files.path(NodeFiles.CONFIG) + ": No such file or directory"));
            MongodConfig parsed = MongodConfigParser.parse(text, engine, settings.port(), files.dir());
            TlsMaterial material = parsed.mode() == TlsMode.DISABLED ? null : TlsMaterial.load(parsed);
            ChannelGroup clients = new DefaultChannelGroup("node-" + settings.name(), workers.next());
            var commands = new NodeCommands(engine, mode, replicaSet, settings.name(), clients::close);
            NodeBackend opened = new NodeBackend(openData(), commands);
            mode.set(parsed.mode());
            try {
                listener = NodeListener.start(boss, workers, opened, bindAddress, settings.port(), mode::get,
                        material == null ? null : material.serverContext(), clients);
            } catch (RuntimeException e) {
                opened.close();
                throw new StartFailure("Failed to set up listener: SocketException: " + e.getMessage(), e);
            }
            backend = opened;
            config = parsed;
            tls = material;
            failureReason = null;
            state = NodeState.RUNNING;
            generation = replicaSet.memberStarted(settings.name());
        } catch (StartFailure e) {
            state = NodeState.FAILED;
            failureReason = e.getMessage();
            tls = null;
            throw e;
        }
    }

    private H2Backend openData() {
        try {
            return new H2Backend(files.dataFile());
        } catch (RuntimeException e) {
            throw new StartFailure("cannot open the data files in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the listener and every connection, as a stopped mongod does; data are flushed and closed. */
    void stop() {
        if (state == NodeState.RUNNING) {
            state = NodeState.STOPPED; // before the listener closes: the status never says RUNNING for a closed port
        }
        if (listener != null) {
            replicaSet.memberStopped(settings.name());
            listener.stop();
            backend.close();
            listener = null;
            backend = null;
        }
        tls = null;
    }

    /** Fleet shutdown: the node goes down with its host, its role stays for the next fleet start. */
    void halt() {
        if (listener != null) {
            listener.stop();
            backend.close();
            listener = null;
            backend = null;
        }
    }

    void markStopped() {
        state = NodeState.STOPPED;
    }

    void countRestart() {
        restarts++;
    }

    /** Null unless the node runs. */
    Outgoing outgoing() {
        TlsMaterial material = tls;
        MongodConfig current = config;
        if (state != NodeState.RUNNING || current == null) {
            return null;
        }
        TlsMode effective = mode.get();
        return new Outgoing(settings, generation, effective,
                effective.connectsWithTls() && material != null ? material.clientContext() : null,
                !current.allowInvalidHostnames());
    }

    NodeStatus status() {
        TlsMaterial material = tls;
        boolean running = state == NodeState.RUNNING;
        List<NodeStatus.TrustedCa> cas = material == null ? List.of()
                : material.trustedCas().stream().map(FleetNode::describe).toList();
        X509Certificate leaf = material == null ? null : material.leaf();
        return new NodeStatus(settings.instanceId(), settings.name(), settings.host(), settings.port(),
                settings.engineVersion(), settings.replicaSet(), state, failureReason,
                running ? mode.get().apiName() : null, replicaSet.replState(settings.name()), cas,
                leaf == null ? null : leaf.getSerialNumber().toString(16),
                leaf == null ? null : leaf.getNotAfter().toInstant(),
                new NodeStatus.Paths(files.path(NodeFiles.CONFIG).toString(),
                        files.path(NodeFiles.SERVER_PEM).toString(), files.path(NodeFiles.CA).toString()),
                restarts);
    }

    private static NodeStatus.TrustedCa describe(X509Certificate ca) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
            return new NodeStatus.TrustedCa(ca.getSubjectX500Principal().getName(),
                    ca.getSerialNumber().toString(16), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
