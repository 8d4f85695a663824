package dev.sslplane.worker.node.simulated;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Hello;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One simulated replica set, in memory: which members run, their TLS mode, certificate issuer and CA file, and
 * who is primary. Members reach each other as mongod does: a member in preferTLS or requireTLS opens TLS to its
 * peers, which must accept TLS and whose certificates both ends must trust; the others connect plain. So a pass
 * order that would split a real set splits this one too. Guarded by its own lock.
 */
final class SimulatedSet {

    /** A member's state; changed only under the set's lock. */
    static final class Node {
        final String name;
        final String address;
        final boolean hidden;
        boolean running = true;
        boolean stopped;
        /** Runs but never answers (the UNHEALTHY fault, from its next start on). */
        boolean unresponsive;
        TlsMode mode = TlsMode.DISABLED;
        boolean certificate;
        String certificateIssuer;
        List<String> trusted = List.of();
        byte[] pendingKey;

        Node(NodeSpec spec) {
            this.name = spec.name();
            this.address = spec.host() + ":" + spec.port();
            this.hidden = spec.role() == NodeRole.HIDDEN;
        }

        /** Applies the config and starts, or says why mongod would not start (the node then stays down). */
        String start(NodeTlsConfig config) {
            switch (config.certificate().change()) {
                case NEW -> {
                    certificate = true;
                    certificateIssuer = SimulatedCsrs.issuerOf(config.certificate().chainPem());
                    pendingKey = null;
                }
                case NONE -> {
                    certificate = false;
                    certificateIssuer = null;
                }
                case KEEP -> { }
            }
            switch (config.caFile().kind()) {
                case REPLACE -> trusted = config.caFile().caPems().stream().map(String::strip).toList();
                case NONE -> trusted = List.of();
                case KEEP -> { }
            }
            mode = config.mode();
            if (mode != TlsMode.DISABLED && !certificate) {
                return "net.ssl.mode " + mode.configValue(config.engine()) + " needs a certificate key file";
            }
            running = true;
            return null;
        }
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private String primary;

    SimulatedSet(List<NodeSpec> specs, Map<String, NodeRole> roles) {
        for (NodeSpec spec : specs) {
            nodes.put(spec.name(), new Node(spec));
            if (roles.getOrDefault(spec.name(), spec.role()) == NodeRole.PRIMARY && primary == null) {
                primary = spec.name();
            }
        }
    }

    synchronized <T> T with(String name, Function<Node, T> change) {
        return change.apply(node(name));
    }

    synchronized void makePrimary(String name) {
        primary = node(name).name;
    }

    synchronized Hello isMaster(String name, Connection connection) {
        Node node = connect(name, connection);
        boolean isPrimary = node.name.equals(primary);
        return new Hello(isPrimary, !isPrimary, node.hidden, primary == null ? null : node(primary).address, "sim",
                8);
    }

    synchronized ReplicaSetStatus status(String name, Connection connection) {
        Node self = connect(name, connection);
        Instant now = Instant.now();
        var members = new ArrayList<ReplicaSetStatus.MemberStatus>();
        for (Node other : nodes.values()) {
            boolean reached = other == self || heartbeat(self, other);
            String state = !reached ? "(not reachable/healthy)" : other.name.equals(primary) ? "PRIMARY" : "SECONDARY";
            members.add(new ReplicaSetStatus.MemberStatus(other.address, reached, state, now, other == self,
                    reached ? null : "heartbeat to " + other.address + " failed"));
        }
        return new ReplicaSetStatus("sim", members);
    }

    /** Hands the primary role to the first electable member (by name) that the primary reaches. */
    synchronized void stepDown(String name, Connection connection, boolean refuse) {
        Node node = connect(name, connection);
        if (!node.name.equals(primary)) {
            throw new NodeCommandException("replSetStepDown", 10107, "NotWritablePrimary",
                    "not primary so can't step down");
        }
        Node next = refuse ? null : nodes.values().stream()
                .filter(n -> n != node && !n.hidden && heartbeat(node, n)).findFirst().orElse(null);
        if (next == null) {
            throw new NodeCommandException("replSetStepDown", 262, "ExceededTimeLimit",
                    "No electable secondaries caught up as of " + Instant.now());
        }
        primary = next.name;
    }

    synchronized TlsMode mode(String name, Connection connection) {
        return connect(name, connection).mode;
    }

    /** mongod's rule: only allow → prefer → require, one step at a time. */
    synchronized void setMode(String name, Connection connection, EngineVersion engine, TlsMode target) {
        Node node = connect(name, connection);
        if (!node.mode.canChangeAtRuntimeTo(target)) {
            throw new NodeCommandException("setParameter", 2, "BadValue", "Illegal state transition for "
                    + engine.modeParameter() + ", attempt to change from " + node.mode.configValue(engine) + " to "
                    + target.configValue(engine));
        }
        node.mode = target;
    }

    private Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new NodeClientException(NodeClientException.Kind.CONNECT, name + ": no such simulated node", null);
        }
        return node;
    }

    private boolean answers(Node node) {
        return node.running && !node.stopped && !node.unresponsive;
    }

    /** What a client meets when it connects: refused, a failed handshake, a closed connection, or the node. */
    private Node connect(String name, Connection connection) {
        Node node = node(name);
        if (!answers(node)) {
            throw new NodeClientException(NodeClientException.Kind.CONNECT, node.address + ": connection refused",
                    null);
        }
        if (connection.tls()) {
            if (!node.mode.acceptsTls()) {
                throw new NodeClientException(NodeClientException.Kind.TLS_HANDSHAKE, node.address
                        + ": TLS failed: the node does not offer TLS", null);
            }
            if (connection.verified() && !trusts(connection.trustedCaPems(), node.certificateIssuer)) {
                throw new NodeClientException(NodeClientException.Kind.TLS_HANDSHAKE, node.address
                        + ": TLS failed: certificate not issued by a trusted CA", null);
            }
        } else if (!node.mode.acceptsPlain()) {
            throw new NodeClientException(NodeClientException.Kind.CLOSED, node.address
                    + ": connection closed (does the node require TLS?)", null);
        }
        return node;
    }

    private boolean heartbeat(Node from, Node to) {
        if (!answers(to)) {
            return false;
        }
        if (!from.mode.connectsWithTls()) {
            return to.mode.acceptsPlain();
        }
        return to.mode.acceptsTls() && trusts(from.trusted, to.certificateIssuer)
                && trusts(to.trusted, from.certificateIssuer);
    }

    private static boolean trusts(List<String> cas, String issuer) {
        return issuer != null && cas.stream().anyMatch(ca -> ca.strip().equals(issuer));
    }
}
